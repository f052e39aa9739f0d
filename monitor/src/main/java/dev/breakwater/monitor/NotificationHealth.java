package dev.breakwater.monitor;

/**
 * The notification outbox in a sample: deliveries given up within the notification window, and how many of the
 * channels the alert module currently holds for failing (an open {@code channel:<id>:failing} alert).
 */
public record NotificationHealth(long givenUp, int channels, int failingChannels) {
    public NotificationHealth {
        if (givenUp < 0 || channels < 0 || failingChannels < 0 || failingChannels > channels) {
            throw new IllegalArgumentException(
                    "givenUp " + givenUp + ", channels " + channels + ", failingChannels " + failingChannels);
        }
    }

    /** Every channel is failing: no alert reaches anyone. */
    public boolean allChannelsFailing() {
        return channels > 0 && failingChannels == channels;
    }
}
