package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns a spool record's body (already decompressed) into the canonical events it holds. The entry point of the
 * pipeline's decode stage.
 *
 * <p>Total: every body either decodes or is refused with a {@link DecodeException} whose message names the source
 * and the reason (e.g. {@code sentry-store: event_id is not 32 hex digits: 'xyz'}); no other exception escapes for
 * any content of {@code body}. Deterministic: the same record decodes to the same events and ids, so a redelivered
 * record deduplicates. Thread-safe and stateless.
 */
public final class RecordDecoder {
    private RecordDecoder() {}

    /**
     * @param source the spool record's source: {@code sentry-envelope} (a whole envelope), {@code sentry-store} (one
     *               event JSON) or {@code rollbar-item} ({@code {"access_token"?, "data": {...}}})
     * @return the events in the record, in order; empty for an envelope without event items (e.g. only
     *         attachments or client reports)
     * @throws DecodeException for an unknown source or any malformed or unexpected shape
     * @throws NullPointerException when an argument is null (a caller's bug, not bad data)
     */
    public static List<CanonicalEvent> decode(String source, byte[] body, DecodeContext ctx) throws DecodeException {
        requireNonNull(source, "source is null");
        requireNonNull(body, "body is null");
        requireNonNull(ctx, "ctx is null");
        try {
            return switch (source) {
                case "sentry-envelope" -> SentryEnvelope.events(body, ctx);
                case SentryEvent.STORE_SOURCE -> List.of(SentryEvent.decode(
                        Json.parseObject(body, 0, body.length, "event"), Json.verbatim(body, 0, body.length),
                        SentryEvent.STORE_SOURCE, DerivedIds.eventId(ctx.node(), ctx.seq()), false, ctx.receivedAt()));
                case "rollbar-item" -> List.of(RollbarItem.decode(body, ctx));
                default -> throw new DecodeException("unknown source " + Json.quote(source));
            };
        } catch (DecodeException e) {
            throw new DecodeException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            // a decoder bug must still end as a quarantined record, not as a stuck lane
            throw new DecodeException(source + ": could not be decoded: " + e, e);
        }
    }

    /**
     * Rebuilds an event from the record it arrived in, kept as received ({@link StoredDocument}): the record decodes
     * again as the pipeline decoded it, under the id and receive time the event was stored with.
     *
     * @param source what {@link DocumentCodec#receivedSource} says of the document's encoding
     * @param body   the record's body, decoded ({@link DocumentCodec#decode})
     * @throws DecodeException when the body does not decode, or does not hold exactly one event
     */
    public static CanonicalEvent fromReceived(String source, byte[] body, String eventId, Instant receivedAt)
            throws DecodeException {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(receivedAt, "receivedAt is null");
        List<CanonicalEvent> events = decode(source, body, new DecodeContext("stored", 0, receivedAt));
        if (events.size() != 1) {
            throw new DecodeException("a record kept as received holds " + events.size() + " events, not one");
        }
        CanonicalEvent event = events.getFirst();
        return event.eventId().equals(eventId) ? event : event.withEventId(eventId);
    }

    /**
     * Rebuilds an event from what {@link EventDocument#stored} kept, under the id and receive time it was stored with
     * (ids derived from the spool record, for events that came without one, cannot be derived again here).
     */
    public static CanonicalEvent fromStored(byte[] stored, String eventId, Instant receivedAt) throws DecodeException {
        requireNonNull(stored, "stored is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(receivedAt, "receivedAt is null");
        ObjectNode document = Json.parseObject(stored, 0, stored.length, "stored event");
        String source = Json.nonBlankText(document, "source", Where.ROOT);
        if (!(document.get("raw") instanceof ObjectNode raw)) {
            throw new DecodeException("stored event has no raw event object");
        }
        CanonicalEvent event;
        if ("sentry-envelope".equals(source) || "sentry-store".equals(source)) {
            event = SentryEvent.decode(raw, raw, source, eventId, true, receivedAt);
        } else if ("rollbar".equals(source)) {
            byte[] item;
            try {
                item = Json.MAPPER.writeValueAsBytes(raw);
            } catch (JsonProcessingException e) {
                throw new DecodeException("stored Rollbar item cannot be written back: " + e.getMessage(), e);
            }
            event = RollbarItem.decode(item, new DecodeContext("stored", 0, receivedAt));
        } else {
            throw new DecodeException("stored event has an unknown source " + Json.quote(String.valueOf(source)));
        }
        return event.eventId().equals(eventId) ? event : event.withEventId(eventId);
    }
}
