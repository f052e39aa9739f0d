package dev.breakwater.alert;

/**
 * One attempt to send a notification failed. The message is what the outbox records as the attempt's error, so it
 * must not carry secrets (a Slack webhook URL is one). {@link #retryable()} is false when another attempt cannot
 * succeed (no SMTP server configured, a malformed target); {@link #channelUnreachable()} is true when the channel
 * did not answer at all (connection refused, timeout), so the rest of its queue is not tried now either.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean channelUnreachable;

    private DeliveryException(String message, boolean retryable, boolean channelUnreachable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.channelUnreachable = channelUnreachable;
    }

    /** The channel answered, but refused this notification (e.g. HTTP 500); worth retrying later. */
    public static DeliveryException refused(String message) {
        return new DeliveryException(message, true, false, null);
    }

    /** The channel could not be reached or did not answer in time; worth retrying later. */
    public static DeliveryException unreachable(String message, Throwable cause) {
        return new DeliveryException(message, true, true, cause);
    }

    /** No later attempt can succeed: give up at once. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean channelUnreachable() {
        return channelUnreachable;
    }
}
