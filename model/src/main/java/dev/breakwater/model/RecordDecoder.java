package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

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
                case "sentry-store" -> List.of(SentryEvent.decode(
                        Json.parseObject(body, 0, body.length, "event"), Json.verbatim(body, 0, body.length),
                        "sentry-store", DerivedIds.eventId(ctx.node(), ctx.seq()), false, ctx.receivedAt()));
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
}
