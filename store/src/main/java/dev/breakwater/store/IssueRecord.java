package dev.breakwater.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An issue: the events of one project that share a fingerprint. {@code regressedAt} is the last time a resolved issue
 * received a new event and went back to unresolved.
 */
public record IssueRecord(
        long id,
        long projectId,
        String projectSlug,
        String fingerprint,
        int groupingVersion,
        String title,
        String culprit,
        String type,
        String level,
        IssueStatus status,
        long count,
        long userCount,
        Instant firstSeen,
        Instant lastSeen,
        Optional<String> firstRelease,
        Optional<String> lastRelease,
        Optional<Instant> resolvedAt,
        Optional<Instant> regressedAt) {}
