package dev.breakwater.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How lane consumers batch and retry.
 *
 * @param batchRecords   most records one store transaction covers
 * @param batchBytes     most spool bytes (frames) one batch reads
 * @param idlePoll       how long a caught-up consumer waits before looking for new records again; also the time
 *                       bound of a batch: a consumer never waits to fill one, it writes whatever one poll returned
 * @param initialBackoff first wait after a transient store failure; doubles per failure
 * @param maxBackoff     cap of that wait
 */
public record PipelineConfig(
        int batchRecords, long batchBytes, Duration idlePoll, Duration initialBackoff, Duration maxBackoff) {

    public PipelineConfig {
        requireNonNull(idlePoll, "idlePoll is null");
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (batchRecords < 1) {
            throw new IllegalArgumentException("pipeline.batch-records must be at least 1, was " + batchRecords);
        }
        if (batchBytes < 1024) {
            throw new IllegalArgumentException("pipeline.batch-bytes must be at least 1KiB, was " + batchBytes);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "pipeline back-off must be positive and its maximum at least its start, was "
                            + initialBackoff + " .. " + maxBackoff);
        }
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(
                1000, 16L << 20, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(30));
    }
}
