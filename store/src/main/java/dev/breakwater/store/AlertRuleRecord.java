package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A project's alert rule. {@code kind}: {@code new_issue}, {@code regression} or {@code frequency} (more than
 * {@code threshold} events in {@code windowMinutes}, per issue when {@code perIssue}, else for the whole project).
 * The optional filters keep only events/issues with that level, environment or release. {@code channelIds} are the
 * channels it notifies.
 */
public record AlertRuleRecord(
        long id,
        long projectId,
        String name,
        String kind,
        int threshold,
        int windowMinutes,
        boolean perIssue,
        Optional<String> level,
        Optional<String> environment,
        Optional<String> release,
        List<Long> channelIds,
        boolean enabled,
        Instant createdAt) {
    public AlertRuleRecord {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(level, "level is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        channelIds = List.copyOf(channelIds);
        requireNonNull(createdAt, "createdAt is null");
    }
}
