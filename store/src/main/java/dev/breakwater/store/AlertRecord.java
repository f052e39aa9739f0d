package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One alert: one condition (its {@code dedupKey}, e.g. {@code disk:spool} or {@code rule:7:issue:42}) from the moment
 * it fired until it resolved. {@code state}: {@code firing}, {@code acknowledged} or {@code resolved}. {@code step}
 * is how bad it is on the condition's own scale (e.g. 0 = past 90 %, 1 = past 95 % full); a higher step notifies at
 * once. {@code projectId} is empty for Breakwater's own (internal) alerts; {@code channelIds} are the channels it
 * notifies.
 */
public record AlertRecord(
        long id,
        String dedupKey,
        Optional<Long> projectId,
        Optional<Long> ruleId,
        String title,
        String details,
        String state,
        int step,
        List<Long> channelIds,
        Instant openedAt,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> snoozeUntil,
        Optional<Instant> resolvedAt,
        Instant lastNotifiedAt) {
    public static final String FIRING = "firing";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    public AlertRecord {
        requireNonNull(dedupKey, "dedupKey is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(title, "title is null");
        requireNonNull(details, "details is null");
        requireNonNull(state, "state is null");
        channelIds = List.copyOf(channelIds);
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(acknowledgedAt, "acknowledgedAt is null");
        requireNonNull(snoozeUntil, "snoozeUntil is null");
        requireNonNull(resolvedAt, "resolvedAt is null");
        requireNonNull(lastNotifiedAt, "lastNotifiedAt is null");
    }
}
