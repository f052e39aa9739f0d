package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The first line of an envelope: where it is, and the few keys ingest reads from it. Every other key
 * ({@code sdk}, {@code trace}, unknown ones) stays untouched in the line's bytes.
 *
 * @param offset where the line starts in {@link Envelope#bytes()}
 * @param length the line's length, newline excluded
 * @param eventId {@code event_id} as 32 lowercase hex digits
 * @param dsn {@code dsn}, the DSN string an auth carrier may use (see {@link SentryAuth})
 * @param sentAt {@code sent_at} as sent (RFC 3339 by the protocol; not checked)
 */
public record EnvelopeHeader(
        int offset, int length, Optional<String> eventId, Optional<String> dsn, Optional<String> sentAt) {
    public EnvelopeHeader {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(dsn, "dsn is null");
        requireNonNull(sentAt, "sentAt is null");
    }
}
