package dev.breakwater.server;

import dev.breakwater.spool.Lane;
import dev.breakwater.spool.Spool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Per-lane gauges read from {@link Lane#stats()} at scrape time: backlog, disk use and quota. */
final class SpoolMetrics {
    private SpoolMetrics() {}

    static void bind(Spool spool, MeterRegistry registry) {
        for (Lane lane : spool.lanes()) {
            String name = lane.name();
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
