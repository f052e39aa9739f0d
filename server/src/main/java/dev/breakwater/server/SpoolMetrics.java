package dev.breakwater.server;

import dev.breakwater.spool.Lane;
import dev.breakwater.spool.Spool;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-lane spool metrics: fsync latency and records per group commit (told by the lane's writer), and gauges read
 * from {@link Lane#stats()} at scrape time: backlog, disk use and quota.
 */
final class SpoolMetrics {
    private SpoolMetrics() {}

    static void bind(Spool spool, MeterRegistry registry) {
        for (Lane lane : spool.lanes()) {
            String name = lane.name();
            Timer fsync = Timer.builder("breakwater.spool.fsync")
                    .description("fdatasync of one group commit")
                    .tag("lane", name)
                    .publishPercentileHistogram()
                    .register(registry);
            DistributionSummary batch = DistributionSummary.builder("breakwater.spool.commit.records")
                    .description("records made durable by one fdatasync")
                    .tag("lane", name)
                    .register(registry);
            lane.onCommit((laneName, records, bytes, forceNanos) -> {
                fsync.record(forceNanos, TimeUnit.NANOSECONDS);
                batch.record(records);
            });
            Gauge.builder("breakwater.spool.backlog.records", lane, l -> {
                        var stats = l.stats();
                        return stats.nextOffset() - stats.slowestConsumerOffset();
                    })
                    .description("records not yet committed by the lane's slowest consumer")
                    .tag("lane", name)
                    .register(registry);
            Gauge.builder("breakwater.spool.disk.used.bytes", lane, l -> l.stats().diskUsedBytes())
                    .description("bytes of the lane's segments on disk")
                    .tag("lane", name)
                    .register(registry);
            Gauge.builder("breakwater.spool.disk.quota.bytes", lane, l -> l.stats().quotaBytes())
                    .tag("lane", name)
                    .register(registry);
        }
    }
}
