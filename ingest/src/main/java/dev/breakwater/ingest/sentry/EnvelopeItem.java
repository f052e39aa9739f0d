package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One item of an {@link Envelope}: its type, a few header fields, and where its header line and
 * payload lie in {@link Envelope#bytes()}. Nothing is copied.
 *
 * @param type the header's {@code type}; unknown types are kept as they are
 * @param headerOffset where the item's header line starts
 * @param headerLength the header line's length, newline excluded
 * @param payloadOffset where the payload starts
 * @param payloadLength the payload's length
 * @param explicitLength whether the header gave {@code length}; without it the payload holds no newline
 * @param contentType the header's {@code content_type}
 * @param filename the header's {@code filename}
 * @param attachmentType the header's {@code attachment_type}
 */
public record EnvelopeItem(
        String type,
        int headerOffset,
        int headerLength,
        int payloadOffset,
        int payloadLength,
        boolean explicitLength,
        Optional<String> contentType,
        Optional<String> filename,
        Optional<String> attachmentType) {
    public EnvelopeItem {
        requireNonNull(type, "type is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(filename, "filename is null");
        requireNonNull(attachmentType, "attachmentType is null");
    }

    /** The lane this item is spooled in; see {@link ItemRouting#lane}. */
    public String lane() {
        return ItemRouting.lane(type);
    }

    /** The rate-limit data category of this item; see {@link ItemRouting#dataCategory}. */
    public String dataCategory() {
        return ItemRouting.dataCategory(type);
    }
}
