package dev.breakwater.model;

/**
 * A payload that cannot be turned into canonical events: not JSON, the wrong shape, an invalid id or timestamp.
 * The message is a human-readable reason naming the source and the offending field, e.g.
 * {@code sentry-store: event_id is not 32 hex digits: 'xyz'}, fit to be stored with a quarantined record.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
