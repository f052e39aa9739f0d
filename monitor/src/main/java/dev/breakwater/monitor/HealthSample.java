package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the monitor looked at in one sample. An empty optional means "could not tell this time" (the store file
 * is absent for PostgreSQL, the heap maximum is undefined, the store did not answer, the store has no pool), never "zero": conditions and
 * statuses that depend on it are left as they were rather than cleared.
 *
 * @param delaySeconds       the service's processing delay (ARCHITECTURE.md "Processing delay")
 * @param catchUpEtaSeconds  backlog over net drain rate; empty when nothing waits or it is not draining
 * @param storePool          the store's connection pool ({@code Store.poolStats()}); empty when the engine reports none
 * @param storePoolSaturatedSince when the sampler first saw the pool saturated ({@code monitor.store-pool-waiting}),
 *                           if every sample since has seen it so; empty when this one does not
 * @param notifications      the outbox: given-up deliveries, failing channels and the oldest due delivery
 */
public record HealthSample(
        Instant at,
        double delaySeconds,
        Optional<Double> catchUpEtaSeconds,
        List<LaneHealth> lanes,
        Optional<DiskUsage> spoolDisk,
        Optional<DiskUsage> storeDisk,
        StoreLatency store,
        Optional<PoolStats> storePool,
        Optional<Instant> storePoolSaturatedSince,
        Optional<Double> heapAfterGcRatio,
        IngestTraffic ingest,
        Optional<NotificationHealth> notifications) {

    public HealthSample {
        requireNonNull(at, "at is null");
        requireNonNull(catchUpEtaSeconds, "catchUpEtaSeconds is null");
        lanes = List.copyOf(lanes);
        requireNonNull(spoolDisk, "spoolDisk is null");
        requireNonNull(storeDisk, "storeDisk is null");
        requireNonNull(store, "store is null");
        requireNonNull(storePool, "storePool is null");
        requireNonNull(storePoolSaturatedSince, "storePoolSaturatedSince is null");
        requireNonNull(heapAfterGcRatio, "heapAfterGcRatio is null");
        requireNonNull(ingest, "ingest is null");
        requireNonNull(notifications, "notifications is null");
    }

    /** How long every sample has seen the store's pool saturated, at this sample; zero when this one does not. */
    public Duration storePoolSaturatedFor() {
        return storePoolSaturatedSince.map(since -> Duration.between(since, at)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    public Optional<LaneHealth> lane(String name) {
        return lanes.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
