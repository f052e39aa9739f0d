package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.alert.ChannelHealth;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.pipeline.PipelineStatus;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.PoolStats;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one {@link HealthSample}: the pipeline's status, free space on the spool's and the store's filesystems, the
 * store's connection pool, one timed store ping, the heap left after GC, ingest's request and refusal counters, deliveries given up and channels
 * the alert module holds for failing.
 *
 * <p>Some figures only exist across samples, so the sampler keeps a little history: when each lane was first seen
 * retrying, the quarantine increases within the quarantine window (increases only, so a replay that empties the
 * quarantine does not hide records quarantined afterwards), the last {@code pingWindow} ping durations for the p99,
 * and the ingest counters' totals over the last minute (the rate is the difference between now and the newest total
 * at least a minute old, or the oldest one kept while the sampler is younger than a minute).
 *
 * <p>Pool saturation is read from the store's pool ({@link Store#poolStats()}: threads waiting for a connection) just
 * before the ping, so the ping's own connection is not counted. It is a figure of one moment, so the sampler also
 * keeps since when every sample has seen the pool saturated, as it does for a retrying lane. The ping's latency rises
 * with waiting acquisitions too, but it cannot tell a saturated pool from a slow database; the pool's figures can.
 *
 * <p>Notifications: besides given-up deliveries and failing channels, the age of the oldest pending delivery
 * ({@link Store#oldestPendingDelivery}), due or put off to a retry, so a hung channel, whose sends time out and are put
 * off without giving up, shows for as long as it hangs.
 *
 * <p>Not thread-safe: the monitor's one thread calls {@link #sample()}.
 */
public final class HealthSampler {
    private static final Logger LOG = LoggerFactory.getLogger(HealthSampler.class);
    static final String INGEST_REQUESTS = "breakwater.ingest.requests";
    static final String INGEST_REFUSALS = "breakwater.ingest.refusals";
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final PipelineControl pipeline;
    private final Store store;
    private final MeterRegistry registry;
    private final Path spoolDir;
    private final Optional<Path> storeFile;
    private final Thresholds thresholds;
    private final int pingWindow;
    private final Clock clock;

    private final Map<String, Instant> retryingSince = new HashMap<>();
    /** The first of an unbroken run of samples that saw the store's pool saturated; null outside such a run. */
    private Instant poolSaturatedSince;
    private final Map<String, Long> lastQuarantined = new HashMap<>();
    private final Map<String, Deque<Increase>> quarantineIncreases = new HashMap<>();
    private final Deque<Double> pings = new ArrayDeque<>();
    private final Deque<Totals> ingestTotals = new ArrayDeque<>();
    private final Set<String> failing = new HashSet<>();

    private record Increase(Instant at, long records) {}

    private record Totals(Instant at, double requests, double refusals) {}

    public HealthSampler(
            PipelineControl pipeline,
            Store store,
            MeterRegistry registry,
            Path spoolDir,
            Optional<Path> storeFile,
            Thresholds thresholds,
            int pingWindow,
            Clock clock) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.store = requireNonNull(store, "store is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.spoolDir = requireNonNull(spoolDir, "spoolDir is null");
        this.storeFile = requireNonNull(storeFile, "storeFile is null");
        this.thresholds = requireNonNull(thresholds, "thresholds is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (pingWindow < 1) {
            throw new IllegalArgumentException("monitor.store-ping-window must be at least 1, was " + pingWindow);
        }
        this.pingWindow = pingWindow;
    }

    public HealthSample sample() {
        Instant now = clock.instant();
        PipelineStatus status = pipeline.status();
        List<LaneHealth> lanes = new ArrayList<>();
        for (LaneStatus lane : status.lanes()) {
            lanes.add(new LaneHealth(lane, retryingSince(lane, now), quarantineGrowth(lane, now)));
        }
        Optional<PoolStats> pool = store.poolStats();
        StoreLatency latency = pingStore();
        return new HealthSample(
                now,
                status.delaySeconds(),
                status.catchUpEtaSeconds(),
                lanes,
                disk("spool", spoolDir),
                storeFile.flatMap(file -> disk("store", file)),
                latency,
                pool,
                poolSaturatedSince(pool, now),
                heapAfterGcRatio(),
                ingestTraffic(now),
                latency.reachable() ? notifications(now) : Optional.empty());
    }

    private Optional<Instant> retryingSince(LaneStatus lane, Instant now) {
        if (lane.state() != LaneState.RETRYING) {
            retryingSince.remove(lane.name());
            return Optional.empty();
        }
        // first seen retrying now: it may have started up to one interval earlier, which errs on the late side
        return Optional.of(retryingSince.computeIfAbsent(lane.name(), name -> now));
    }

    private Optional<Instant> poolSaturatedSince(Optional<PoolStats> pool, Instant now) {
        if (pool.isEmpty() || !thresholds.storePoolSaturated(pool.get())) {
            poolSaturatedSince = null; // a sample that saw threads get connections at once ends the run
            return Optional.empty();
        }
        if (poolSaturatedSince == null) {
            poolSaturatedSince = now;
        }
        return Optional.of(poolSaturatedSince);
    }

    private long quarantineGrowth(LaneStatus lane, Instant now) {
        Deque<Increase> increases = quarantineIncreases.computeIfAbsent(lane.name(), name -> new ArrayDeque<>());
        Long previous = lastQuarantined.put(lane.name(), lane.quarantined());
        if (previous != null && lane.quarantined() > previous) {
            increases.addLast(new Increase(now, lane.quarantined() - previous));
        }
        Instant from = now.minus(thresholds.quarantineWindow());
        while (!increases.isEmpty() && increases.getFirst().at().isBefore(from)) {
            increases.removeFirst();
        }
        return increases.stream().mapToLong(Increase::records).sum();
    }

    private StoreLatency pingStore() {
        long start = System.nanoTime();
        try {
            store.ping();
        } catch (StoreException | RuntimeException e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            failing("store", "store ping failed", e);
            return new StoreLatency(false, seconds, p99(pings), Optional.ofNullable(e.getMessage()));
        }
        recovered("store", "store ping");
        double seconds = (System.nanoTime() - start) / 1e9;
        pings.addLast(seconds);
        while (pings.size() > pingWindow) {
            pings.removeFirst();
        }
        return new StoreLatency(true, seconds, p99(pings), Optional.empty());
    }

    /** The nearest-rank 99th percentile: the largest value of up to 100, the second largest of up to 200, ... */
    static double p99(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    }

    private Optional<DiskUsage> disk(String what, Path path) {
        try {
            Path existing = path;
            // the SQLite file may not exist yet; its directory is on the same filesystem
            while (existing != null && !Files.exists(existing)) {
                existing = existing.toAbsolutePath().getParent();
            }
            if (existing == null) {
                throw new IOException("neither " + path + " nor any parent exists");
            }
            FileStore fileStore = Files.getFileStore(existing);
            // as df counts it: what is used plus what we may still write, so blocks reserved for root or held back by
            // a quota count neither way (a 270 GB disk with 31 GB used and 77 GB available to us is 29 % full)
            long used = Math.max(0, fileStore.getTotalSpace() - fileStore.getUnallocatedSpace());
            long usable = fileStore.getUsableSpace();
            long total = used + usable;
            recovered("disk:" + what, what + " filesystem");
            return Optional.of(new DiskUsage(usable, total));
        } catch (IOException | RuntimeException e) {
            failing("disk:" + what, "cannot read the free space of the " + what + " filesystem (" + path + ")", e);
            return Optional.empty();
        }
    }

    /**
     * Heap used right after the last collection of each heap pool, over the maximum heap: what the live data takes,
     * unlike the current usage, which is mostly garbage between collections. Empty when the maximum is undefined.
     */
    static Optional<Double> heapAfterGcRatio() {
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        if (max <= 0) {
            return Optional.empty();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null) {
                    used += afterGc.getUsed();
                }
            }
        }
        return Optional.of(Math.min(1.0, (double) used / max));
    }

    private IngestTraffic ingestTraffic(Instant now) {
        Totals current = new Totals(now, total(INGEST_REQUESTS), total(INGEST_REFUSALS));
        Instant minuteAgo = now.minus(RATE_WINDOW);
        // keep one total at least a minute old as the baseline, and everything newer
        while (ingestTotals.size() >= 2 && !second(ingestTotals).at().isAfter(minuteAgo)) {
            ingestTotals.removeFirst();
        }
        Totals baseline = ingestTotals.isEmpty() ? current : ingestTotals.getFirst();
        ingestTotals.addLast(current);
        // a counter that went backwards was re-registered: count from zero rather than a negative rate
        long requests = Math.round(Math.max(0, current.requests() - baseline.requests()));
        long refusals = Math.round(Math.max(0, current.refusals() - baseline.refusals()));
        return new IngestTraffic(requests, Math.min(refusals, requests));
    }

    private static Totals second(Deque<Totals> totals) {
        var it = totals.iterator();
        it.next();
        return it.next();
    }

    private double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Optional<NotificationHealth> notifications(Instant now) {
        try {
            long givenUp = store.failedDeliveriesSince(now.minus(thresholds.notificationWindow()));
            List<ChannelRecord> channels = store.channels();
            int failingChannels = 0;
            for (ChannelRecord channel : channels) {
                if (store.openAlert(ChannelHealth.key(channel.id())).isPresent()) {
                    failingChannels++;
                }
            }
            double oldestPendingSeconds = store.oldestPendingDelivery()
                    .map(created -> Math.max(0, Duration.between(created, now).toMillis()) / 1000.0)
                    .orElse(0.0);
            recovered("deliveries", "counting failed deliveries");
            return Optional.of(new NotificationHealth(givenUp, channels.size(), failingChannels, oldestPendingSeconds));
        } catch (StoreException | RuntimeException e) {
            failing("deliveries", "cannot count failed deliveries", e);
            return Optional.empty();
        }
    }

    // log a failing source once when it starts failing and once when it recovers, not every few seconds
    private void failing(String source, String message, Exception e) {
        if (failing.add(source)) {
            LOG.warn("{}: {}", message, e.toString());
        }
    }

    private void recovered(String source, String what) {
        if (failing.remove(source)) {
            LOG.info("{} works again", what);
        }
    }
}
