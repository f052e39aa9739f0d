package dev.breakwater.monitor;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.store.PoolStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link HealthSample}s for tests: all healthy unless a test says otherwise. */
final class Samples {
    static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");
    static final long GIB = 1L << 30;

    Instant at = NOW;
    double delaySeconds;
    Optional<Double> eta = Optional.empty();
    List<LaneHealth> lanes = new ArrayList<>(List.of(new LaneHealth(
            SettablePipelineControl.lane("events", LaneState.RUNNING), Optional.empty(), 0)));
    Optional<DiskUsage> spoolDisk = Optional.of(used(0.40));
    Optional<DiskUsage> storeDisk = Optional.of(used(0.40));
    StoreLatency store = new StoreLatency(true, 0.002, 0.004, Optional.empty());
    Optional<PoolStats> storePool = Optional.of(new PoolStats(1, 3, 4, 8, 0));
    Optional<Instant> storePoolSaturatedSince = Optional.empty();
    Optional<Double> heap = Optional.of(0.30);
    IngestTraffic ingest = new IngestTraffic(100, 0);
    Optional<NotificationHealth> notifications = Optional.of(new NotificationHealth(0, 2, 0, 0));

    static Samples healthy() {
        return new Samples();
    }

    static DiskUsage used(double ratio) {
        long total = 100 * GIB;
        return new DiskUsage(Math.round(total * (1 - ratio)), total);
    }

    Samples lane(LaneStatus status, Optional<Instant> retryingSince, long quarantineGrowth) {
        lanes.removeIf(l -> l.name().equals(status.name()));
        lanes.add(new LaneHealth(status, retryingSince, quarantineGrowth));
        return this;
    }

    HealthSample build() {
        return new HealthSample(at, delaySeconds, eta, lanes, spoolDisk, storeDisk, store, storePool,
                storePoolSaturatedSince, heap, ingest, notifications);
    }
}
