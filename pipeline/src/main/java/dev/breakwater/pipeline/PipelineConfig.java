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
 * @param linger         shortest time between the starts of two polls that were not full: while a lane keeps up, its
 *                       records wait up to this long to share one store transaction, so that the per-transaction
 *                       work (commit, issue upserts, count roll-ups) is paid once per linger rather than once per
 *                       handful of records. A full poll (backlog) is followed at once by the next. Zero: no wait.
 */
public record PipelineConfig(
        int batchRecords,
        long batchBytes,
        Duration idlePoll,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration linger) {

    public PipelineConfig {
        requireNonNull(idlePoll, "idlePoll is null");
        requireNonNull(linger, "linger is null");
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
        if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException(
                    "pipeline.batch-linger must be between 0 and " + MAX_LINGER.toMillis() + "ms, was " + linger);
        }
    }

    /** Longer would make the end-to-end delay a matter of configuration rather than load. */
    static final Duration MAX_LINGER = Duration.ofSeconds(1);

    /** Without linger: every poll that finds records is written at once. */
    public PipelineConfig(
            int batchRecords, long batchBytes, Duration idlePoll, Duration initialBackoff, Duration maxBackoff) {
        this(batchRecords, batchBytes, idlePoll, initialBackoff, maxBackoff, Duration.ZERO);
    }

    /** The same with another linger. */
    public PipelineConfig withLinger(Duration linger) {
        return new PipelineConfig(batchRecords, batchBytes, idlePoll, initialBackoff, maxBackoff, linger);
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(
                1000, 16L << 20, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(30));
    }
}
