package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a monitor or a rule says about one condition right now, handed to {@link AlertBook#observe}. Conditions are
 * level-triggered: the same condition may be observed any number of times, and {@code dedupKey} makes every
 * observation of it land on the one open alert.
 *
 * @param dedupKey          names the condition, e.g. {@code disk:spool} or {@code rule:7:frequency}
 * @param step              how bad it is on the condition's own scale (e.g. 0 = past 90 %, 1 = past 95 % full); an
 *                          open alert whose condition reaches a higher step notifies again at once
 * @param channelIds        the channels to notify; empty means every channel
 * @param excludedChannelId a channel never to notify, e.g. the failing channel of a "channel is failing" alert
 */
public record Condition(
        String dedupKey,
        String title,
        String details,
        boolean active,
        int step,
        Optional<Long> projectId,
        Optional<Long> ruleId,
        List<Long> channelIds,
        Optional<Long> excludedChannelId) {

    public Condition {
        requireNonNull(dedupKey, "dedupKey is null");
        requireNonNull(title, "title is null");
        requireNonNull(details, "details is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(ruleId, "ruleId is null");
        channelIds = List.copyOf(channelIds);
        requireNonNull(excludedChannelId, "excludedChannelId is null");
        if (dedupKey.isBlank()) {
            throw new IllegalArgumentException("dedupKey is blank");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be at least 0, was " + step);
        }
    }

    /** An active condition of Breakwater itself (no project, no rule) notifying every channel. */
    public static Condition internal(String dedupKey, String title, String details, int step) {
        return new Condition(dedupKey, title, details, true, step, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** The condition is over; {@code reason} goes into the alert's history when that resolves an open alert. */
    public static Condition cleared(String dedupKey, String reason) {
        return new Condition(dedupKey, dedupKey, reason, false, 0, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }
}
