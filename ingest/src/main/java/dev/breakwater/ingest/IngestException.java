package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A request ingest refuses, with the reason (which fixes the HTTP status) and a sentence a developer
 * can act on, e.g. "envelope item 2 declares length 512 but only 17 bytes follow".
 */
public final class IngestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DiscardReason reason;
    private final long retryAfterSeconds;

    public IngestException(DiscardReason reason, String message) {
        this(reason, message, null, 0);
    }

    public IngestException(DiscardReason reason, String message, Throwable cause) {
        this(reason, message, cause, 0);
    }

    /** A refusal the client should repeat after {@code retryAfterSeconds} (rate limits, overload). */
    public static IngestException retryLater(DiscardReason reason, String message, long retryAfterSeconds) {
        return new IngestException(reason, message, null, retryAfterSeconds);
    }

    private IngestException(DiscardReason reason, String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public DiscardReason reason() {
        return reason;
    }

    /** Seconds the client should wait before trying again, or 0 when repeating the same request will not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
