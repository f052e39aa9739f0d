package dev.breakwater.monitor;

/**
 * The notification outbox in a sample: deliveries given up within the notification window, how many of the channels
 * the alert module currently holds for failing (an open {@code channel:<id>:failing} alert), and how long ago the
 * oldest pending delivery was queued, due or put off to a retry (0 when none is pending). A hung channel shows in the
 * last one first: its deliveries stay pending while sends time out, long before one is given up.
 */
public record NotificationHealth(long givenUp, int channels, int failingChannels, double oldestPendingSeconds) {
    public NotificationHealth {
        if (givenUp < 0 || channels < 0 || failingChannels < 0 || failingChannels > channels
                || !(oldestPendingSeconds >= 0)) {
            throw new IllegalArgumentException("givenUp " + givenUp + ", channels " + channels + ", failingChannels "
                    + failingChannels + ", oldestPendingSeconds " + oldestPendingSeconds);
        }
    }

    /** Every channel is failing: no alert reaches anyone. */
    public boolean allChannelsFailing() {
        return channels > 0 && failingChannels == channels;
    }
}
