package dev.breakwater.monitor;

import static dev.breakwater.monitor.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.breakwater.alert.AlertBook;
import dev.breakwater.alert.ChannelHealth;
import dev.breakwater.alert.Condition;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler over a real SQLite store, the real filesystem of a temporary directory and a real meter registry. */
class HealthSamplerTest {
    @TempDir
    Path dir;

    Store store;
    ManualClock clock = new ManualClock(NOW);
    SettablePipelineControl pipeline = new SettablePipelineControl("events", "deploys");
    MeterRegistry registry = new SimpleMeterRegistry();
    HealthSampler sampler;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("data/store.db")));
        sampler = new HealthSampler(pipeline, store, registry, dir.resolve("spool"), Optional.of(dir.resolve("data/store.db")),
                Thresholds.defaults(), 120, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsTheFilesystemsTheStoreAndTheHeap() throws Exception {
        HealthSample sample = sampler.sample();

        FileStore fileStore = Files.getFileStore(dir);
        // as df computes Use%: used over used plus what we may still write (other processes write meanwhile: 1 %)
        long used = fileStore.getTotalSpace() - fileStore.getUnallocatedSpace();
        double dfRatio = (double) used / (used + fileStore.getUsableSpace());
        long totalSpace = fileStore.getTotalSpace();
        assertThat(sample.at()).isEqualTo(NOW);
        assertThat(sample.spoolDisk()).as("a spool directory not made yet is on its parent's filesystem")
                .hasValueSatisfying(disk -> {
                    assertThat(disk.totalBytes()).isLessThanOrEqualTo(totalSpace);
                    assertThat(disk.usedRatio()).isCloseTo(dfRatio, within(0.01));
                });
        assertThat(sample.storeDisk()).hasValueSatisfying(disk ->
                assertThat(disk.usedRatio()).isCloseTo(dfRatio, within(0.01)));
        assertThat(sample.store().reachable()).isTrue();
        assertThat(sample.store().lastPingSeconds()).isPositive().isLessThan(5);
        assertThat(sample.store().p99PingSeconds()).isEqualTo(sample.store().lastPingSeconds());
        assertThat(sample.heapAfterGcRatio()).hasValueSatisfying(ratio -> assertThat(ratio).isBetween(0.0, 1.0));
        assertThat(sample.notifications()).hasValue(new NotificationHealth(0, 0, 0, 0));
        assertThat(sample.storePool()).as("SQLite's reader pool").hasValueSatisfying(pool -> {
            assertThat(pool.max()).isEqualTo(4);
            assertThat(pool.waiting()).isZero();
        });
        assertThat(sample.lanes()).extracting(LaneHealth::name).containsExactly("events", "deploys");
    }

    @Test
    void pingP99IsTheNearestRank() {
        assertThat(HealthSampler.p99(List.of())).isNaN();
        assertThat(HealthSampler.p99(List.of(0.5))).isEqualTo(0.5);
        assertThat(HealthSampler.p99(LongStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList())).isEqualTo(99);
        assertThat(HealthSampler.p99(LongStream.rangeClosed(1, 60).mapToObj(i -> (double) i).toList())).isEqualTo(60);
        assertThat(HealthSampler.p99(LongStream.rangeClosed(1, 200).mapToObj(i -> (double) (201 - i)).toList()))
                .isEqualTo(198);
    }

    @Test
    void storeThatDoesNotAnswerIsUnreachableAndItsCountsUnknown() {
        store.close();

        HealthSample sample = sampler.sample();

        assertThat(sample.store().reachable()).isFalse();
        assertThat(sample.notifications()).isEmpty();
    }

    @Test
    void channelsTheAlertModuleHoldsForFailingAreCounted() throws Exception {
        ChannelRecord ops = store.createChannel(new NewChannel("ops", "webhook", "http://127.0.0.1:9/ops", "", NOW));
        ChannelRecord mail = store.createChannel(new NewChannel("mail", "webhook", "http://127.0.0.1:9/mail", "", NOW));
        AlertBook alerts = new AlertBook(store);
        alerts.observe(Condition.internal(ChannelHealth.key(ops.id()), "ops failing", "refused", 0), NOW);

        assertThat(sampler.sample().notifications()).hasValue(new NotificationHealth(0, 2, 1, 0));

        alerts.observe(Condition.internal(ChannelHealth.key(mail.id()), "mail failing", "refused", 0), NOW);
        assertThat(sampler.sample().notifications()).hasValueSatisfying(n ->
                assertThat(n.allChannelsFailing()).isTrue());
    }

    @Test
    void theOldestPendingDeliveryIsAgedFromItsCreationWhetherDueOrPutOff() throws Exception {
        ChannelRecord ops = store.createChannel(new NewChannel("ops", "webhook", "http://127.0.0.1:9/ops", "", NOW));
        store.createChannel(new NewChannel("mail", "webhook", "http://127.0.0.1:9/mail", "", NOW));
        // pending deliveries of the channel's alert, due at once
        new AlertBook(store).observe(Condition.internal(ChannelHealth.key(ops.id()), "ops failing", "refused", 0), NOW);
        assertThat(oldestPendingSeconds()).isZero();

        clock.advance(Duration.ofMinutes(3));
        assertThat(oldestPendingSeconds()).as("a hung send: still due, nothing given up").isEqualTo(180.0);

        List<DeliveryRecord> due = store.dueDeliveries(clock.instant(), 10);
        assertThat(due).isNotEmpty();
        for (DeliveryRecord delivery : due.subList(1, due.size())) {
            store.deliverySucceeded(delivery.id(), "outbox-test", 1, clock.instant());
        }
        store.deliveryFailed(due.getFirst().id(), "outbox-test", 0, "not attempted: the channel could not be reached",
                Optional.of(clock.instant().plusSeconds(30)), clock.instant());
        assertThat(oldestPendingSeconds()).as("put off to a retry, it is still waiting").isEqualTo(180.0);

        store.deliverySucceeded(due.getFirst().id(), "outbox-test", 1, clock.instant());
        assertThat(oldestPendingSeconds()).as("every notification sent").isZero();
    }

    private double oldestPendingSeconds() {
        return sampler.sample().notifications().orElseThrow().oldestPendingSeconds();
    }

    @Test
    void noStoreFileForPostgres() {
        HealthSampler postgres = new HealthSampler(pipeline, store, registry, dir, Optional.empty(), Thresholds.defaults(),
                120, clock);

        assertThat(postgres.sample().storeDisk()).isEmpty();
    }

    @Test
    void retryingSinceIsKeptAcrossSamples() {
        pipeline.set(SettablePipelineControl.lane("events", LaneState.RETRYING));
        assertThat(sampler.sample().lane("events").orElseThrow().retryingSince()).hasValue(NOW);

        clock.advance(Duration.ofSeconds(30));
        LaneHealth events = sampler.sample().lane("events").orElseThrow();
        assertThat(events.retryingSince()).hasValue(NOW);
        assertThat(events.retryingFor(clock.instant())).isEqualTo(Duration.ofSeconds(30));

        pipeline.set(SettablePipelineControl.lane("events", LaneState.RUNNING));
        assertThat(sampler.sample().lane("events").orElseThrow().retryingSince()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        pipeline.set(SettablePipelineControl.lane("events", LaneState.RETRYING));
        assertThat(sampler.sample().lane("events").orElseThrow().retryingSince()).hasValue(clock.instant());
    }

    @Test
    void quarantineGrowthCountsIncreasesWithinTheWindow() {
        assertThat(growth(0)).as("what was quarantined before the first sample").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(growth(3)).isEqualTo(3);
        clock.advance(Duration.ofMinutes(10));
        assertThat(growth(1)).as("a replay took records out; the three still count").isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(growth(2)).isEqualTo(4);
        clock.advance(Duration.ofMinutes(14));
        assertThat(growth(2)).as("the first three left the fifteen minutes").isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(growth(2)).isZero();
    }

    @Test
    void ingestRefusalsOverTheLastMinute() {
        Counter accepted = Counter.builder(HealthSampler.INGEST_REQUESTS).tags("endpoint", "envelope", "outcome", "accepted")
                .register(registry);
        Counter limited = Counter.builder(HealthSampler.INGEST_REQUESTS).tags("endpoint", "envelope", "outcome", "rate_limited")
                .register(registry);
        Counter refusals = Counter.builder(HealthSampler.INGEST_REFUSALS).tags("endpoint", "envelope", "reason", "rate_limited")
                .register(registry);
        accepted.increment(1000);
        assertThat(sampler.sample().ingest()).as("no rate from one total").isEqualTo(new IngestTraffic(0, 0));

        clock.advance(Duration.ofSeconds(5));
        accepted.increment(80);
        limited.increment(20);
        refusals.increment(20);
        IngestTraffic traffic = sampler.sample().ingest();
        assertThat(traffic).isEqualTo(new IngestTraffic(100, 20));
        assertThat(traffic.refusalRatio()).isEqualTo(0.2);

        clock.advance(Duration.ofSeconds(61));
        accepted.increment(10);
        assertThat(sampler.sample().ingest()).as("counted from the total a minute ago").isEqualTo(new IngestTraffic(10, 0));
    }

    private long growth(long quarantined) {
        pipeline.set(SettablePipelineControl.lane("events", LaneState.RUNNING, 0, 0, 0, quarantined));
        return sampler.sample().lane("events").orElseThrow().quarantineGrowth();
    }
}
