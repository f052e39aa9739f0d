package dev.breakwater.web.ui.alert;

import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.web.ui.issue.TimeView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One notification of an alert as the detail page shows it: its channel by name ("deleted channel 3" once the channel
 * is gone), and when it is pending the time of its next attempt. A delivery given up ({@code failed}) reads as such.
 */
public record DeliveryRow(
        DeliveryRecord delivery, String channel, Optional<TimeView> nextAttempt, Optional<TimeView> delivered) {

    static DeliveryRow of(DeliveryRecord delivery, Map<Long, ChannelRecord> channels, Instant now) {
        String channel = Optional.ofNullable(channels.get(delivery.channelId()))
                .map(ChannelRecord::name)
                .orElse("deleted channel " + delivery.channelId());
        return new DeliveryRow(delivery, channel,
                delivery.state().equals(DeliveryRecord.PENDING)
                        ? Optional.of(Moments.relative(delivery.nextAttemptAt(), now))
                        : Optional.empty(),
                delivery.deliveredAt().map(at -> Moments.relative(at, now)));
    }

    public boolean givenUp() {
        return delivery.state().equals(DeliveryRecord.FAILED);
    }

    /** The state in words: "pending", "delivered", "cancelled" (its channel was deleted or disabled) or "gave up". */
    public String stateText() {
        return givenUp() ? "gave up" : delivery.state();
    }
}
