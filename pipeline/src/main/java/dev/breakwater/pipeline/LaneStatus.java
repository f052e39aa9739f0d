package dev.breakwater.pipeline;

import java.util.Optional;

/** One lane as {@code GET /api/v1/pipeline} shows it. Rates are per second over the last ten seconds. */
public record LaneStatus(
        String name,
        LaneState state,
        long backlogRecords,
        long backlogBytes,
        double oldestAgeSeconds,
        double delaySeconds,
        double inPerSecond,
        double outPerSecond,
        long quarantined,
        long diskQuotaBytes,
        long diskUsedBytes,
        Optional<String> lastError) {}
