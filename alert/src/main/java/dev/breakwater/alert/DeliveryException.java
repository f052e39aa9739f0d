package dev.breakwater.alert;

import java.time.Duration;
import java.util.Optional;

/**
 * One attempt to send a notification failed. The message is what the outbox records as the attempt's error, so it
 * must not carry secrets (a Slack webhook URL is one). {@link #retryable()} is false when another attempt cannot
 * succeed (no SMTP server configured, a malformed target); {@link #channelUnreachable()} is true when the channel
 * did not answer at all (connection refused, timeout), so the rest of its queue is not tried now either;
 * {@link #retryAfter()} is how long the channel asked to be left alone (HTTP {@code Retry-After}), if it said.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean channelUnreachable;
    private final transient Optional<Duration> retryAfter;

    private DeliveryException(String message, boolean retryable, boolean channelUnreachable,
            Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.channelUnreachable = channelUnreachable;
        this.retryAfter = retryAfter;
    }

    /** The channel answered, but refused this notification (e.g. HTTP 500); worth retrying later. */
    public static DeliveryException refused(String message) {
        return refused(message, Optional.empty());
    }

    /** As {@link #refused(String)}, and the channel asked to be retried no sooner than {@code retryAfter}. */
    public static DeliveryException refused(String message, Optional<Duration> retryAfter) {
        return new DeliveryException(message, true, false, retryAfter, null);
    }

    /** The channel could not be reached or did not answer in time; worth retrying later. */
    public static DeliveryException unreachable(String message, Throwable cause) {
        return new DeliveryException(message, true, true, Optional.empty(), cause);
    }

    /** No later attempt can succeed (a malformed target, or the channel rejected the notification itself): give up. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, false, Optional.empty(), null);
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean channelUnreachable() {
        return channelUnreachable;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
