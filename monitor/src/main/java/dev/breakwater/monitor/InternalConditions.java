package dev.breakwater.monitor;

import static dev.breakwater.monitor.Phrases.bytes;
import static dev.breakwater.monitor.Phrases.count;
import static dev.breakwater.monitor.Phrases.duration;
import static dev.breakwater.monitor.Phrases.percent;

import dev.breakwater.alert.Condition;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.store.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a {@link HealthSample} into Breakwater's own alert conditions, active or not, with stable dedup keys:
 *
 * <pre>
 * disk:spool, disk:store          used fraction past a step of monitor.disk-used-steps; step = the highest one passed
 * lane:{name}:backlog-age         oldest waiting record older than monitor.backlog-oldest-age
 * lane:{name}:backlog-size        more records waiting than monitor.backlog-records
 * lane:{name}:retrying            retrying for longer than monitor.retrying-for
 * lane:{name}:quarantine          any record quarantined within monitor.quarantine-window
 * pipeline:delay                  processing delay beyond monitor.processing-delay
 * store:latency                   ping p99 beyond monitor.store-ping-p99 (step 0), or the ping failing (step 1)
 * store:pool                      monitor.store-pool-waiting or more threads waiting for a store connection in every
 *                                 sample for monitor.store-pool-waiting-for
 * jvm:heap                        heap after GC past monitor.heap-after-gc
 * ingest:refusals                 refused fraction past monitor.ingest-refusal-ratio, with enough requests
 * </pre>
 *
 * Failing notification deliveries are not among them: the alert module raises {@code channel:<id>:failing} itself,
 * per channel and on the other channels only (a count of given-up deliveries cannot say which channel to spare). The
 * count still drives the Notifications component and its gauge.
 *
 * A figure the sample could not read (an empty optional) yields no condition at all, so an open alert stays as it is
 * instead of resolving for lack of evidence. Titles say the figure and the threshold; details say what follows.
 * These conditions go to operators, so unlike the status page they may quote a lane's last error. Stateless.
 */
public final class InternalConditions {
    private InternalConditions() {}

    public static List<Condition> from(HealthSample sample, Thresholds thresholds) {
        List<Condition> conditions = new ArrayList<>();
        String steps = thresholds.diskUsedSteps().stream().map(Phrases::percent).collect(Collectors.joining(", "));
        sample.spoolDisk().ifPresent(disk -> conditions.add(disk("disk:spool", "Spool", disk, thresholds, steps,
                "When it is full, ingest refuses new data with 503 and clients must hold on to it.")));
        sample.storeDisk().ifPresent(disk -> conditions.add(disk("disk:store", "Store", disk, thresholds, steps,
                "When it is full, the store cannot write: processing stops and waits in the spool (nothing accepted is"
                        + " lost), but the backlog grows.")));
        for (LaneHealth lane : sample.lanes()) {
            lane(conditions, sample, lane, thresholds);
        }
        double delayLimit = seconds(thresholds.processingDelay());
        conditions.add(condition(
                "pipeline:delay",
                sample.delaySeconds() >= delayLimit,
                0,
                "Processing delay " + duration(sample.delaySeconds()) + " (alert at " + duration(delayLimit) + ")",
                "Newest processed record lags the newest received one by " + duration(sample.delaySeconds()) + "; "
                        + sample.catchUpEtaSeconds().map(eta -> "catching up in about " + duration(eta))
                                .orElse("not catching up at the current rates") + "."));
        conditions.add(storeLatency(sample.store(), thresholds));
        sample.storePool().ifPresent(pool ->
                conditions.add(storePool(pool, sample.storePoolSaturatedFor(), thresholds)));
        sample.heapAfterGcRatio().ifPresent(ratio -> conditions.add(condition(
                "jvm:heap",
                ratio >= thresholds.heapAfterGc(),
                0,
                "Heap " + percent(ratio) + " full after GC (alert at " + percent(thresholds.heapAfterGc()) + ")",
                "Live data fills " + percent(ratio) + " of the maximum heap even right after garbage collection;"
                        + " raise -Xmx or look for what holds memory before the JVM runs out.")));
        IngestTraffic ingest = sample.ingest();
        conditions.add(condition(
                "ingest:refusals",
                ingest.requests() >= thresholds.ingestRefusalMinRequests()
                        && ingest.refusalRatio() >= thresholds.ingestRefusalRatio(),
                0,
                "Ingest refused " + percent(ingest.refusalRatio()) + " of " + count(ingest.requests())
                        + " requests in the last minute (alert at " + percent(thresholds.ingestRefusalRatio()) + ")",
                count(ingest.refusals()) + " of " + count(ingest.requests()) + " ingest requests were refused (rate"
                        + " limits, quotas, full lanes, invalid payloads); counted from "
                        + thresholds.ingestRefusalMinRequests() + " requests a minute. See breakwater_ingest_refusals"
                        + " by reason."));
        return conditions;
    }

    private static Condition disk(
            String key, String what, DiskUsage disk, Thresholds thresholds, String steps, String consequence) {
        int step = thresholds.diskStep(disk.usedRatio());
        return condition(
                key,
                step >= 0,
                Math.max(step, 0),
                what + " disk " + percent(disk.usedRatio()) + " full (alert at "
                        + percent(thresholds.diskUsedSteps().getFirst()) + ")",
                bytes(disk.usableBytes()) + " of " + bytes(disk.totalBytes()) + " left. Steps: " + steps + ". "
                        + consequence);
    }

    private static void lane(List<Condition> conditions, HealthSample sample, LaneHealth lane, Thresholds thresholds) {
        String name = lane.name();
        LaneStatus status = lane.status();
        String backlog = count(status.backlogRecords()) + " records (" + bytes(status.backlogBytes()) + ") waiting, the"
                + " oldest " + duration(status.oldestAgeSeconds()) + " old; in " + rate(status.inPerSecond())
                + ", out " + rate(status.outPerSecond()) + ".";
        double ageLimit = seconds(thresholds.backlogOldestAge());
        conditions.add(condition(
                "lane:" + name + ":backlog-age",
                status.oldestAgeSeconds() >= ageLimit,
                0,
                "Lane " + name + ": oldest waiting record " + duration(status.oldestAgeSeconds()) + " old (alert at "
                        + duration(ageLimit) + ")",
                backlog));
        conditions.add(condition(
                "lane:" + name + ":backlog-size",
                status.backlogRecords() >= thresholds.backlogRecords(),
                0,
                "Lane " + name + ": " + count(status.backlogRecords()) + " records waiting (alert at "
                        + count(thresholds.backlogRecords()) + ")",
                backlog));
        Duration retrying = lane.retryingFor(sample.at());
        conditions.add(condition(
                "lane:" + name + ":retrying",
                lane.retryingSince().isPresent() && retrying.compareTo(thresholds.retryingFor()) >= 0,
                0,
                "Lane " + name + " retrying for " + duration(retrying) + " (alert at "
                        + duration(thresholds.retryingFor()) + ")",
                "The lane's consumer cannot write its batch and retries with back-off; other lanes go on. Last error: "
                        + status.lastError().orElse("none reported") + ". " + backlog));
        conditions.add(condition(
                "lane:" + name + ":quarantine",
                lane.quarantineGrowth() > 0,
                0,
                "Lane " + name + ": " + count(lane.quarantineGrowth()) + " records quarantined in the last "
                        + duration(thresholds.quarantineWindow()) + " (alert above 0)",
                "Records that failed to process deterministically were set aside (" + count(status.quarantined())
                        + " in quarantine now); see the lane's quarantine page for their reasons, and replay them"
                        + " once fixed."));
    }

    private static Condition storeLatency(StoreLatency store, Thresholds thresholds) {
        double limit = seconds(thresholds.storePingP99());
        if (!store.reachable()) {
            return condition("store:latency", true, 1,
                    "Store unreachable: ping failed after " + duration(store.lastPingSeconds()),
                    store.failure().map(failure -> "The ping failed: " + failure + ". ").orElse("")
                            + "Ingest still accepts data into the spool, but processing, alerting and the UI wait for"
                            + " the store.");
        }
        boolean slow = !Double.isNaN(store.p99PingSeconds()) && store.p99PingSeconds() >= limit;
        return condition("store:latency", slow, 0,
                "Store ping p99 " + duration(store.p99PingSeconds()) + " (alert at " + duration(limit) + ")",
                "A round trip to the database waits for a pooled connection like any query, so a slow ping means a"
                        + " saturated pool or a slow database; the last one took " + duration(store.lastPingSeconds())
                        + ".");
    }

    private static Condition storePool(PoolStats pool, Duration saturatedFor, Thresholds thresholds) {
        boolean saturated = thresholds.storePoolSaturated(pool)
                && saturatedFor.compareTo(thresholds.storePoolWaitingFor()) >= 0;
        String waiting = count(pool.waiting()) + (pool.waiting() == 1 ? " thread" : " threads")
                + " waiting for a connection (pool of " + count(pool.max()) + ")";
        return condition("store:pool", saturated, 0,
                (saturated ? "Store connection pool saturated for " + duration(seconds(saturatedFor)) + ": "
                        : "Store connection pool: ") + waiting,
                count(pool.active()) + " of " + count(pool.total()) + " open connections in use (alert at "
                        + count(thresholds.storePoolWaiting()) + " waiting in every sample for "
                        + duration(seconds(thresholds.storePoolWaitingFor())) + "). Every query waits for a"
                        + " connection up to store.acquisition-timeout and then fails: pages slow down and processing"
                        + " retries. Raise store.pool-size, or look for slow queries holding connections.");
    }

    private static Condition condition(String key, boolean active, int step, String title, String details) {
        return active ? Condition.internal(key, title, details, step) : Condition.cleared(key, title);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
