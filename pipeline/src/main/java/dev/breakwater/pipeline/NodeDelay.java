package dev.breakwater.pipeline;

import java.time.Instant;
import java.util.Optional;

/**
 * One ingest node's delay: receive time of the newest record it accepted minus receive time of the newest of its
 * records that is fully processed, or 0 when none of its records is waiting. Worst lane wins.
 */
public record NodeDelay(
        String node, Optional<Instant> lastReceivedAt, Optional<Instant> lastProcessedReceivedAt, double delaySeconds) {}
