package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed Sentry envelope (PROTOCOLS A.4): its header and items as ranges of the byte array it was
 * parsed from. The array is shared, not copied, and must not be modified while the envelope is in use.
 * Made by {@link EnvelopeParser}; immutable and thread-safe as long as the array is left alone.
 */
public final class Envelope {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final EnvelopeHeader header;
    private final List<EnvelopeItem> items;
    private final Set<String> lanes;

    Envelope(byte[] bytes, int offset, int length, EnvelopeHeader header, List<EnvelopeItem> items) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.header = header;
        this.items = Collections.unmodifiableList(items);
        Set<String> lanes = new LinkedHashSet<>();
        for (EnvelopeItem item : items) {
            lanes.add(item.lane());
        }
        this.lanes = Collections.unmodifiableSet(lanes);
    }

    /** The array the envelope lies in; see {@link #offset()} and {@link #length()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public EnvelopeHeader header() {
        return header;
    }

    /** The header's {@code event_id}, normalised to 32 lowercase hex digits. */
    public Optional<String> eventId() {
        return header.eventId();
    }

    /** The items in envelope order; unknown types included. */
    public List<EnvelopeItem> items() {
        return items;
    }

    /** The lanes the items go to, in order of first appearance; empty for a header-only envelope. */
    public Set<String> lanes() {
        return lanes;
    }

    /** An item's payload as a read-only view of {@link #bytes()}. */
    public ByteBuffer payload(EnvelopeItem item) {
        return ByteBuffer.wrap(bytes, item.payloadOffset(), item.payloadLength())
                .slice()
                .asReadOnlyBuffer();
    }

    /** A new envelope with this header and only the items routed to {@code lane}; see {@link #retaining}. */
    public byte[] forLane(String lane) {
        requireNonNull(lane, "lane is null");
        return retaining(item -> lane.equals(item.lane()));
    }

    /**
     * Writes a new envelope: this envelope's header line, then each item {@code keep} accepts, as its
     * original header line, its payload and a newline. Header lines are copied byte for byte, unknown
     * keys included. An item without {@code length} stays valid this way because its payload holds no
     * newline. Used when one envelope spans several lanes or some items must be dropped; an envelope
     * kept whole should be stored as it arrived instead.
     */
    public byte[] retaining(Predicate<EnvelopeItem> keep) {
        requireNonNull(keep, "keep is null");
        List<EnvelopeItem> kept = items.stream().filter(keep).toList();
        long size = header.length() + 1L;
        for (EnvelopeItem item : kept) {
            size += item.headerLength() + 1L + item.payloadLength() + 1L;
        }
        // Never larger than the original plus one newline per item, so it fits in an array.
        byte[] out = new byte[Math.toIntExact(size)];
        int pos = put(out, 0, header.offset(), header.length());
        for (EnvelopeItem item : kept) {
            pos = put(out, pos, item.headerOffset(), item.headerLength());
            pos = put(out, pos, item.payloadOffset(), item.payloadLength());
        }
        return out;
    }

    /** Copies a range of {@link #bytes} to {@code out} at {@code pos}, followed by a newline. */
    private int put(byte[] out, int pos, int from, int count) {
        System.arraycopy(bytes, from, out, pos, count);
        out[pos + count] = '\n';
        return pos + count + 1;
    }

    @Override
    public String toString() {
        StringBuilder types = new StringBuilder();
        for (EnvelopeItem item : items) {
            types.append(types.isEmpty() ? "" : ", ").append(item.type());
        }
        return "Envelope[" + header.eventId().orElse("no event_id") + ", " + length + " bytes, items: " + types + "]";
    }
}
