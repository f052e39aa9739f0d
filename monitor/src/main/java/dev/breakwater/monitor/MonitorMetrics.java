package dev.breakwater.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The monitor's figures in {@code /metrics}, read from the last sample (NaN before the first, or when the sample could
 * not tell). Only what no other module exports: the pipeline already has the delay, the ETA, and per lane the delay,
 * backlog records, oldest age and state ({@code breakwater_pipeline_*}); the spool its disk use per lane.
 *
 * <pre>
 * breakwater_monitor_disk_used_ratio{filesystem}      spool | store (SQLite only)
 * breakwater_monitor_disk_usable_bytes{filesystem}
 * breakwater_monitor_lane_backlog_bytes{lane}
 * breakwater_monitor_lane_retrying_seconds{lane}      0 while not retrying
 * breakwater_monitor_lane_quarantine_growth{lane}     records quarantined within monitor.quarantine-window
 * breakwater_monitor_store_up                         1 when the last ping succeeded
 * breakwater_monitor_store_ping_seconds               the last ping
 * breakwater_monitor_store_ping_p99_seconds           p99 over the ping window
 * breakwater_monitor_store_pool_active                store connections in use (NaN when the engine has no pool)
 * breakwater_monitor_store_pool_waiting               threads waiting for a store connection
 * breakwater_monitor_heap_after_gc_ratio
 * breakwater_monitor_ingest_requests                  ingest requests in the last minute
 * breakwater_monitor_ingest_refusal_ratio             refused fraction of them
 * breakwater_monitor_notification_failures            deliveries given up within the notification window
 * breakwater_monitor_notification_channels_failing    channels the alert module holds for failing
 * breakwater_monitor_notification_oldest_pending_seconds  age of the oldest pending delivery, 0 when none is pending
 * breakwater_monitor_conditions_active                internal conditions active at the last sample
 * breakwater_monitor_component_status{component}      0 operational, 1 degraded, 2 partial outage, 3 major outage
 * </pre>
 */
final class MonitorMetrics {
    private MonitorMetrics() {}

    static void register(MonitorService monitor, List<String> lanes, boolean storeDisk, MeterRegistry registry) {
        disk(monitor, "spool", HealthSample::spoolDisk, registry);
        if (storeDisk) {
            disk(monitor, "store", HealthSample::storeDisk, registry);
        }
        for (String lane : lanes) {
            gauge(monitor, "breakwater_monitor_lane_backlog_bytes", "bytes waiting in the lane", registry,
                    s -> s.lane(lane).map(l -> (double) l.status().backlogBytes()).orElse(Double.NaN), "lane", lane);
            gauge(monitor, "breakwater_monitor_lane_retrying_seconds", "how long the lane has been retrying", registry,
                    s -> s.lane(lane).map(l -> l.retryingFor(s.at()).toMillis() / 1000.0).orElse(Double.NaN),
                    "lane", lane);
            gauge(monitor, "breakwater_monitor_lane_quarantine_growth",
                    "records the lane quarantined within the quarantine window", registry,
                    s -> s.lane(lane).map(l -> (double) l.quarantineGrowth()).orElse(Double.NaN), "lane", lane);
        }
        gauge(monitor, "breakwater_monitor_store_up", "1 when the last store ping succeeded", registry,
                s -> s.store().reachable() ? 1 : 0);
        gauge(monitor, "breakwater_monitor_store_ping_seconds", "the last store ping's round trip", registry,
                s -> s.store().lastPingSeconds());
        gauge(monitor, "breakwater_monitor_store_ping_p99_seconds",
                "p99 of the store's round trip over the ping window", registry, s -> s.store().p99PingSeconds());
        gauge(monitor, "breakwater_monitor_store_pool_active", "store connections in use", registry,
                s -> s.storePool().map(p -> (double) p.active()).orElse(Double.NaN));
        gauge(monitor, "breakwater_monitor_store_pool_waiting", "threads waiting for a store connection", registry,
                s -> s.storePool().map(p -> (double) p.waiting()).orElse(Double.NaN));
        gauge(monitor, "breakwater_monitor_heap_after_gc_ratio", "heap used after the last GC over the maximum heap",
                registry, s -> s.heapAfterGcRatio().orElse(Double.NaN));
        gauge(monitor, "breakwater_monitor_ingest_requests", "ingest requests in the last minute", registry,
                s -> s.ingest().requests());
        gauge(monitor, "breakwater_monitor_ingest_refusal_ratio", "refused fraction of the last minute's ingest requests",
                registry, s -> s.ingest().refusalRatio());
        gauge(monitor, "breakwater_monitor_notification_failures",
                "notification deliveries given up within the notification window", registry,
                s -> s.notifications().map(n -> (double) n.givenUp()).orElse(Double.NaN));
        gauge(monitor, "breakwater_monitor_notification_channels_failing",
                "channels with an open channel:<id>:failing alert", registry,
                s -> s.notifications().map(n -> (double) n.failingChannels()).orElse(Double.NaN));
        gauge(monitor, "breakwater_monitor_notification_oldest_pending_seconds",
                "age of the oldest pending notification delivery, 0 when none is pending", registry,
                s -> s.notifications().map(NotificationHealth::oldestPendingSeconds).orElse(Double.NaN));
        Gauge.builder("breakwater_monitor_conditions_active", monitor, MonitorService::activeConditions)
                .description("internal alert conditions active at the last sample")
                .strongReference(true)
                .register(registry);
        for (Component component : MonitorService.components(lanes)) {
            Gauge.builder("breakwater_monitor_component_status", monitor,
                            m -> m.published(component).map(status -> (double) status.ordinal()).orElse(Double.NaN))
                    .description("status page: 0 operational, 1 degraded, 2 partial outage, 3 major outage")
                    .tag("component", component.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static void disk(
            MonitorService monitor, String filesystem, Function<HealthSample, Optional<DiskUsage>> disk,
            MeterRegistry registry) {
        gauge(monitor, "breakwater_monitor_disk_used_ratio", "fraction of the filesystem this process can no longer write",
                registry, s -> disk.apply(s).map(DiskUsage::usedRatio).orElse(Double.NaN), "filesystem", filesystem);
        gauge(monitor, "breakwater_monitor_disk_usable_bytes", "bytes this process can still write on the filesystem",
                registry, s -> disk.apply(s).map(d -> (double) d.usableBytes()).orElse(Double.NaN),
                "filesystem", filesystem);
    }

    private static void gauge(
            MonitorService monitor,
            String name,
            String description,
            MeterRegistry registry,
            ToDoubleFunction<HealthSample> value,
            String... tags) {
        Gauge.builder(name, monitor, m -> m.lastSample().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }
}
