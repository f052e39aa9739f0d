package dev.breakwater.monitor;

import static dev.breakwater.monitor.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.alert.AlertBook;
import dev.breakwater.alert.Condition;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ComponentState;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole round (sample, conditions, status page, gauges) over a real SQLite store and filesystem. */
class MonitorServiceTest {
    @TempDir
    Path dir;

    Store store;
    ManualClock clock = new ManualClock(NOW);
    SettablePipelineControl pipeline = new SettablePipelineControl("events");
    MeterRegistry registry = new SimpleMeterRegistry();
    RecordingSink sink = new RecordingSink();
    MonitorConfig config;

    /** Keeps what the monitor hands to alerting; can be told to fail, as alerting does when the store is down. */
    static final class RecordingSink implements ConditionSink {
        record Observation(Condition condition, Instant at) {}

        final List<Observation> observed = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void observe(Condition condition, Instant now) throws Exception {
            if (failing) {
                throw new IllegalStateException("alerting is down");
            }
            observed.add(new Observation(condition, now));
        }

        List<Condition> at(Instant at) {
            return observed.stream().filter(o -> o.at().equals(at)).map(Observation::condition).toList();
        }
    }

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        // the real filesystem and heap are sampled: thresholds they cannot reach keep this machine's state out of the test
        Thresholds d = Thresholds.defaults();
        Thresholds thresholds = new Thresholds(List.of(0.9997, 0.9998, 0.9999), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(),
                Duration.ofSeconds(30), d.storePoolWaiting(), d.storePoolWaitingFor(), 0.9999, d.ingestRefusalRatio(),
                d.ingestRefusalMinRequests(), d.notificationWindow(), d.notificationOverdue());
        config = new MonitorConfig(Duration.ofSeconds(5), thresholds, 2, 6, 120, dir.resolve("spool"),
                Optional.of(dir.resolve("store.db")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyConditionGoesToTheSinkEverySampleSoAlertsResolve() {
        MonitorService monitor = MonitorService.create(config, pipeline, store, registry, sink, clock);

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RETRYING));
        monitor.tick();
        clock.advance(Duration.ofSeconds(61));
        monitor.tick();
        List<Condition> retrying = sink.at(clock.instant());
        assertThat(retrying).extracting(Condition::dedupKey).contains("lane:events:retrying", "disk:spool", "jvm:heap");
        assertThat(retrying).filteredOn(c -> c.dedupKey().equals("lane:events:retrying"))
                .singleElement().satisfies(c -> assertThat(c.active()).isTrue());

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RUNNING));
        clock.advance(Duration.ofSeconds(5));
        monitor.tick();
        List<Condition> cleared = sink.at(clock.instant());
        assertThat(cleared).extracting(Condition::dedupKey).containsExactlyElementsOf(
                retrying.stream().map(Condition::dedupKey).toList());
        assertThat(cleared).filteredOn(c -> c.dedupKey().equals("lane:events:retrying"))
                .singleElement().satisfies(c -> assertThat(c.active()).isFalse());
    }

    @Test
    void statusPageFollowsWithHysteresisAndGaugesShowIt() throws Exception {
        MonitorService monitor = MonitorService.create(config, pipeline, store, registry, sink, clock);
        monitor.tick();
        assertThat(store.componentStates()).extracting(ComponentState::component)
                .containsExactlyInAnyOrder("Ingest API", "Processing: events", "Notifications", "Web");
        assertThat(gauge("breakwater_monitor_component_status", "component", "Processing: events")).isZero();

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RETRYING));
        tick(monitor);
        assertThat(monitor.published(Component.processing("events"))).hasValue(ComponentStatus.OPERATIONAL);
        tick(monitor);
        assertThat(monitor.published(Component.processing("events"))).hasValue(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(store.openIncident("Processing: events")).hasValueSatisfying(incident ->
                assertThat(incident.updates().getFirst().message()).startsWith("Processing of events has been stalled"));
        assertThat(gauge("breakwater_monitor_component_status", "component", "Processing: events")).isEqualTo(2);
        assertThat(gauge("breakwater_monitor_lane_retrying_seconds", "lane", "events")).isEqualTo(5);

        assertThat(gauge("breakwater_monitor_store_up")).isEqualTo(1);
        assertThat(gauge("breakwater_monitor_store_ping_p99_seconds")).isPositive();
        assertThat(gauge("breakwater_monitor_disk_used_ratio", "filesystem", "spool")).isBetween(0.0, 1.0);
        assertThat(gauge("breakwater_monitor_disk_used_ratio", "filesystem", "store")).isBetween(0.0, 1.0);
        assertThat(gauge("breakwater_monitor_heap_after_gc_ratio")).isBetween(0.0, 1.0);
        assertThat(gauge("breakwater_monitor_ingest_refusal_ratio")).isZero();
        assertThat(gauge("breakwater_monitor_notification_failures")).isZero();
        assertThat(gauge("breakwater_monitor_conditions_active")).isZero();
        assertThat(registry.find("breakwater_monitor_lane_quarantine_growth").tag("lane", "events").gauge()).isNotNull();
    }

    @Test
    void withTheAlertBookAsSinkAnAlertFiresAndResolves() throws Exception {
        AlertBook alerts = new AlertBook(store);
        MonitorService monitor = MonitorService.create(config, pipeline, store, registry, alerts::observe, clock);

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RETRYING, 10, 5, 5, 0));
        monitor.tick();
        clock.advance(Duration.ofSeconds(65));
        monitor.tick();
        AlertRecord firing = store.openAlert("lane:events:retrying").orElseThrow();
        assertThat(firing.title()).startsWith("Lane events retrying for 65 s");
        assertThat(gauge("breakwater_monitor_conditions_active")).isEqualTo(1);

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RUNNING));
        tick(monitor);
        assertThat(store.openAlert("lane:events:retrying")).isEmpty();
        assertThat(store.alert(firing.id()).orElseThrow().state()).isEqualTo("resolved");
        assertThat(store.alerts(Optional.empty(), 10)).as("nothing else fired").hasSize(1);
    }

    @Test
    void failingSinkDoesNotStopTheStatusPage() {
        MonitorService monitor = MonitorService.create(config, pipeline, store, registry, sink, clock);
        sink.failing = true;
        pipeline.set(SettablePipelineControl.lane("events", LaneState.PAUSED));

        tick(monitor);
        tick(monitor);

        assertThat(monitor.published(Component.processing("events"))).hasValue(ComponentStatus.DEGRADED);
    }

    @Test
    void samplesOnItsOwnThreadUntilClosed() {
        MonitorConfig fast = new MonitorConfig(Duration.ofMillis(100), Thresholds.defaults(), 2, 6, 120,
                dir.resolve("spool"), Optional.empty());
        try (MonitorService monitor = MonitorService.start(fast, pipeline, store, registry, sink, clock)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.observed.size() > 30);
            assertThat(monitor.lastSample()).isPresent();
        }
        int after = sink.observed.size();
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> sink.observed.size() == after);
    }

    private void tick(MonitorService monitor) {
        clock.advance(Duration.ofSeconds(5));
        monitor.tick();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }
}
