package dev.breakwater.store;

import java.time.Instant;
import java.util.Optional;

/** A release (version string) of a project, seen in events or deploys. */
public record ReleaseRecord(
        long projectId, String version, Instant firstSeen, Instant lastSeen, long eventCount, Optional<Instant> lastDeployAt) {}
