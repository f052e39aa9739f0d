package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An alert rule to create; see {@link AlertRuleRecord}. */
public record NewAlertRule(
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
        Instant createdAt) {
    public NewAlertRule {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(level, "level is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        channelIds = List.copyOf(channelIds);
        requireNonNull(createdAt, "createdAt is null");
    }
}
