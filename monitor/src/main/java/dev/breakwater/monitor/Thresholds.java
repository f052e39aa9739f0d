package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.PoolStats;
import java.time.Duration;
import java.util.List;

/**
 * Where the monitor's internal conditions start, and the limits the status derivation uses. Immutable; validated at
 * construction, naming the config key.
 *
 * @param diskUsedSteps          used fraction of the spool's or the store's filesystem at which the disk condition is
 *                               active, ascending: past the first it fires at step 0, past the second at step 1, ...
 *                               ({@code monitor.disk-used-steps}, 90 %, 95 %, 98 %); past the last one the spool's
 *                               quota check refuses ingest
 * @param backlogOldestAge       a lane's oldest waiting record older than this ({@code monitor.backlog-oldest-age}, 5 min)
 * @param backlogRecords         a lane with more records waiting ({@code monitor.backlog-records}, 1,000,000)
 * @param retryingFor            a lane retrying longer than this ({@code monitor.retrying-for}, 60 s)
 * @param retryingOutageAfter    a lane retrying this long is a major outage on the status page
 *                               ({@code monitor.retrying-outage-after}, 5 min)
 * @param quarantineWindow       records quarantined within this window make the lane's condition active
 *                               ({@code monitor.quarantine-window}, 15 min)
 * @param processingDelay        the service's, or a lane's, processing delay beyond this ({@code monitor.processing-delay},
 *                               30 s, where the UI shows its banner)
 * @param storePingP99           p99 of the store's round trip beyond this ({@code monitor.store-ping-p99}, 1 s)
 * @param storePoolWaiting       this many threads or more waiting for a store connection: the pool is saturated
 *                               ({@code monitor.store-pool-waiting}, 1) ...
 * @param storePoolWaitingFor    ... and the alert fires once every sample for this long saw it saturated
 *                               ({@code monitor.store-pool-waiting-for}, 30 s; 0 fires on the first such sample): a
 *                               burst of page loads makes a query or two wait a moment, which is not worth a page
 * @param heapAfterGc            used fraction of the heap left after garbage collection ({@code monitor.heap-after-gc}, 90 %)
 * @param ingestRefusalRatio     refused fraction of ingest requests over the last minute
 *                               ({@code monitor.ingest-refusal-ratio}, 10 %) ...
 * @param ingestRefusalMinRequests ... counted only with at least this many requests in that minute
 *                               ({@code monitor.ingest-refusal-min-requests}, 20)
 * @param notificationWindow     any delivery given up within this window degrades Notifications on the status page
 *                               ({@code monitor.notification-failure-window}, 1 h)
 * @param notificationOverdue    a delivery still pending this long after it was queued degrades Notifications
 *                               on the status page ({@code monitor.notification-overdue}, 2 min): a hung channel
 *                               shows before any delivery is given up
 */
public record Thresholds(
        List<Double> diskUsedSteps,
        Duration backlogOldestAge,
        long backlogRecords,
        Duration retryingFor,
        Duration retryingOutageAfter,
        Duration quarantineWindow,
        Duration processingDelay,
        Duration storePingP99,
        int storePoolWaiting,
        Duration storePoolWaitingFor,
        double heapAfterGc,
        double ingestRefusalRatio,
        long ingestRefusalMinRequests,
        Duration notificationWindow,
        Duration notificationOverdue) {

    public Thresholds {
        diskUsedSteps = List.copyOf(diskUsedSteps);
        requireNonNull(backlogOldestAge, "backlogOldestAge is null");
        requireNonNull(retryingFor, "retryingFor is null");
        requireNonNull(retryingOutageAfter, "retryingOutageAfter is null");
        requireNonNull(quarantineWindow, "quarantineWindow is null");
        requireNonNull(processingDelay, "processingDelay is null");
        requireNonNull(storePingP99, "storePingP99 is null");
        requireNonNull(storePoolWaitingFor, "storePoolWaitingFor is null");
        requireNonNull(notificationWindow, "notificationWindow is null");
        requireNonNull(notificationOverdue, "notificationOverdue is null");
        if (diskUsedSteps.isEmpty()) {
            throw new IllegalArgumentException("monitor.disk-used-steps needs at least one step");
        }
        for (int i = 0; i < diskUsedSteps.size(); i++) {
            double step = diskUsedSteps.get(i);
            requireFraction("monitor.disk-used-steps", step);
            if (i > 0 && step <= diskUsedSteps.get(i - 1)) {
                throw new IllegalArgumentException("monitor.disk-used-steps must ascend, was " + diskUsedSteps);
            }
        }
        requirePositive("monitor.backlog-oldest-age", backlogOldestAge);
        if (backlogRecords < 1) {
            throw new IllegalArgumentException("monitor.backlog-records must be at least 1, was " + backlogRecords);
        }
        requirePositive("monitor.retrying-for", retryingFor);
        requirePositive("monitor.retrying-outage-after", retryingOutageAfter);
        requirePositive("monitor.quarantine-window", quarantineWindow);
        requirePositive("monitor.processing-delay", processingDelay);
        requirePositive("monitor.store-ping-p99", storePingP99);
        if (storePoolWaiting < 1) {
            throw new IllegalArgumentException(
                    "monitor.store-pool-waiting must be at least 1, was " + storePoolWaiting);
        }
        if (storePoolWaitingFor.isNegative()) {
            throw new IllegalArgumentException(
                    "monitor.store-pool-waiting-for must not be negative, was " + storePoolWaitingFor);
        }
        requireFraction("monitor.heap-after-gc", heapAfterGc);
        requireFraction("monitor.ingest-refusal-ratio", ingestRefusalRatio);
        if (ingestRefusalMinRequests < 1) {
            throw new IllegalArgumentException(
                    "monitor.ingest-refusal-min-requests must be at least 1, was " + ingestRefusalMinRequests);
        }
        requirePositive("monitor.notification-failure-window", notificationWindow);
        requirePositive("monitor.notification-overdue", notificationOverdue);
    }

    public static Thresholds defaults() {
        return new Thresholds(
                List.of(0.90, 0.95, 0.98),
                Duration.ofMinutes(5),
                1_000_000,
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                1,
                Duration.ofSeconds(30),
                0.90,
                0.10,
                20,
                Duration.ofHours(1),
                Duration.ofMinutes(2));
    }

    /** The highest disk step the used fraction is past, or -1 below the first. */
    public int diskStep(double usedRatio) {
        int step = -1;
        for (int i = 0; i < diskUsedSteps.size(); i++) {
            if (usedRatio >= diskUsedSteps.get(i)) {
                step = i;
            }
        }
        return step;
    }

    /** Whether this many threads wait for a store connection that the pool counts as saturated. */
    public boolean storePoolSaturated(PoolStats pool) {
        return pool.waiting() >= storePoolWaiting;
    }

    /** The last step: past it the disk is as good as full. */
    public double diskFull() {
        return diskUsedSteps.getLast();
    }

    private static void requireFraction(String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be a fraction in (0, 1] (a percentage up to 100 %), was " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
