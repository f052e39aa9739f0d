package dev.breakwater.monitor;

import static dev.breakwater.monitor.Samples.NOW;
import static dev.breakwater.monitor.Samples.used;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.alert.Condition;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.store.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InternalConditionsTest {
    static final Thresholds DEFAULTS = Thresholds.defaults();

    @Test
    void healthySampleHasEveryConditionAndNoneActive() {
        Map<String, Condition> conditions = conditions(Samples.healthy());

        assertThat(conditions).containsOnlyKeys(
                "disk:spool", "disk:store", "lane:events:backlog-age", "lane:events:backlog-size",
                "lane:events:retrying", "lane:events:quarantine", "pipeline:delay", "store:latency", "store:pool",
                "jvm:heap", "ingest:refusals");
        assertThat(conditions.values()).noneMatch(Condition::active);
        assertThat(conditions.values()).allSatisfy(c -> {
            assertThat(c.projectId()).isEmpty();
            assertThat(c.ruleId()).isEmpty();
            assertThat(c.channelIds()).as("every channel").isEmpty();
        });
    }

    @Test
    void diskStepsAtNinetyNinetyFiveNinetyEight() {
        Samples sample = Samples.healthy();

        sample.spoolDisk = Optional.of(used(0.89));
        assertThat(conditions(sample).get("disk:spool").active()).isFalse();

        sample.spoolDisk = Optional.of(used(0.91));
        Condition at91 = conditions(sample).get("disk:spool");
        assertThat(at91.active()).isTrue();
        assertThat(at91.step()).isZero();
        assertThat(at91.title()).isEqualTo("Spool disk 91 % full (alert at 90 %)");

        sample.spoolDisk = Optional.of(used(0.96));
        Condition at96 = conditions(sample).get("disk:spool");
        assertThat(at96.step()).isEqualTo(1);
        assertThat(at96.title()).isEqualTo("Spool disk 96 % full (alert at 90 %)");
        assertThat(at96.details()).contains("4.0 GiB of 100.0 GiB left", "90 %, 95 %, 98 %");

        sample.storeDisk = Optional.of(used(0.99));
        Condition store = conditions(sample).get("disk:store");
        assertThat(store.active()).isTrue();
        assertThat(store.step()).isEqualTo(2);
        assertThat(store.title()).isEqualTo("Store disk 99 % full (alert at 90 %)");

        sample.spoolDisk = Optional.of(used(0.50));
        assertThat(conditions(sample).get("disk:spool").active()).as("cleared").isFalse();
    }

    @Test
    void unknownFiguresLeaveTheirConditionsOut() {
        Samples sample = Samples.healthy();
        sample.storeDisk = Optional.empty();
        sample.heap = Optional.empty();

        assertThat(conditions(sample)).doesNotContainKeys("disk:store", "jvm:heap");
    }

    @Test
    void laneConditionsStartAtTheirThresholdsAndClear() {
        Samples sample = Samples.healthy().lane(
                SettablePipelineControl.lane("events", LaneState.RETRYING, 1_000_000, 300, 12, 7),
                Optional.of(NOW.minusSeconds(60)), 3);

        Map<String, Condition> active = conditions(sample);
        assertThat(active.get("lane:events:backlog-age").active()).isTrue();
        assertThat(active.get("lane:events:backlog-age").title())
                .isEqualTo("Lane events: oldest waiting record 5 min old (alert at 5 min)");
        assertThat(active.get("lane:events:backlog-size").title())
                .isEqualTo("Lane events: 1,000,000 records waiting (alert at 1,000,000)");
        assertThat(active.get("lane:events:retrying").active()).isTrue();
        assertThat(active.get("lane:events:retrying").title()).isEqualTo("Lane events retrying for 60 s (alert at 60 s)");
        assertThat(active.get("lane:events:retrying").details()).contains("store unreachable: connection refused");
        assertThat(active.get("lane:events:quarantine").active()).isTrue();
        assertThat(active.get("lane:events:quarantine").title())
                .isEqualTo("Lane events: 3 records quarantined in the last 15 min (alert above 0)");

        sample.lane(SettablePipelineControl.lane("events", LaneState.RETRYING, 999_999, 299, 12, 7),
                Optional.of(NOW.minusSeconds(59)), 0);
        assertThat(conditions(sample).values()).noneMatch(Condition::active);
    }

    @Test
    void delayStoreHeapIngestAndNotifications() {
        Samples sample = Samples.healthy();
        sample.delaySeconds = 45;
        sample.eta = Optional.of(120.0);
        sample.store = new StoreLatency(true, 0.2, 1.5, Optional.empty());
        sample.heap = Optional.of(0.93);
        sample.ingest = new IngestTraffic(200, 30);
        sample.notifications = Optional.of(new NotificationHealth(2, 2, 1, 0));

        Map<String, Condition> conditions = conditions(sample);
        assertThat(conditions.values()).filteredOn(Condition::active).extracting(Condition::dedupKey)
                .as("given-up deliveries are the alert module's channel:<id>:failing")
                .containsExactlyInAnyOrder("pipeline:delay", "store:latency", "jvm:heap", "ingest:refusals");
        assertThat(conditions.get("pipeline:delay").title()).isEqualTo("Processing delay 45 s (alert at 30 s)");
        assertThat(conditions.get("pipeline:delay").details()).contains("catching up in about 2 min");
        assertThat(conditions.get("store:latency").title()).isEqualTo("Store ping p99 1.5 s (alert at 1 s)");
        assertThat(conditions.get("store:latency").step()).isZero();
        assertThat(conditions.get("jvm:heap").title()).isEqualTo("Heap 93 % full after GC (alert at 90 %)");
        assertThat(conditions.get("ingest:refusals").title())
                .isEqualTo("Ingest refused 15 % of 200 requests in the last minute (alert at 10 %)");

        sample.store = new StoreLatency(false, 5.0, 0.004, Optional.of("sqlite store: ping failed: disk I/O error"));
        Condition unreachable = conditions(sample).get("store:latency");
        assertThat(unreachable.active()).isTrue();
        assertThat(unreachable.step()).as("worse than slow").isEqualTo(1);
        assertThat(unreachable.details()).startsWith("The ping failed: sqlite store: ping failed: disk I/O error. ");

        sample.ingest = new IngestTraffic(19, 19);
        assertThat(conditions(sample).get("ingest:refusals").active()).as("too few requests to tell").isFalse();
    }

    @Test
    void storePoolSaturatedOnceThreadsWaitedInEverySampleForThirtySeconds() {
        Samples sample = Samples.healthy();
        sample.storePool = Optional.of(new PoolStats(8, 0, 8, 8, 3));
        sample.storePoolSaturatedSince = Optional.of(NOW);
        assertThat(conditions(sample).get("store:pool").active()).as("a first sample with threads waiting").isFalse();

        sample.storePoolSaturatedSince = Optional.of(NOW.minusSeconds(25));
        assertThat(conditions(sample).get("store:pool").active()).as("waiting in every sample for 25 s").isFalse();

        sample.storePoolSaturatedSince = Optional.of(NOW.minusSeconds(35));
        Condition pool = conditions(sample).get("store:pool");
        assertThat(pool.active()).isTrue();
        assertThat(pool.step()).isZero();
        assertThat(pool.title()).isEqualTo(
                "Store connection pool saturated for 35 s: 3 threads waiting for a connection (pool of 8)");
        assertThat(pool.details()).contains("8 of 8 open connections in use").contains("every sample for 30 s")
                .contains("store.pool-size");

        sample.storePool = Optional.of(new PoolStats(8, 0, 8, 8, 0));
        assertThat(conditions(sample).get("store:pool").active()).as("busy, nobody waiting").isFalse();

        sample.storePool = Optional.empty();
        assertThat(conditions(sample)).as("an engine without a pool says nothing").doesNotContainKey("store:pool");
    }

    @Test
    void configuredThresholdsAreUsed() {
        Thresholds strict = new Thresholds(List.of(0.5), Duration.ofSeconds(10), 10, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(10), 3,
                Duration.ZERO, 0.5, 0.01, 1, Duration.ofMinutes(5), Duration.ofMinutes(1));
        Samples sample = Samples.healthy();
        sample.spoolDisk = Optional.of(used(0.6));

        Condition disk = InternalConditions.from(sample.build(), strict).stream()
                .filter(c -> c.dedupKey().equals("disk:spool")).findFirst().orElseThrow();
        assertThat(disk.active()).isTrue();
        assertThat(disk.title()).isEqualTo("Spool disk 60 % full (alert at 50 %)");

        sample.storePool = Optional.of(new PoolStats(4, 0, 4, 4, 2));
        Condition pool = InternalConditions.from(sample.build(), strict).stream()
                .filter(c -> c.dedupKey().equals("store:pool")).findFirst().orElseThrow();
        assertThat(pool.active()).as("alert at 3 waiting").isFalse();
        sample.storePool = Optional.of(new PoolStats(4, 0, 4, 4, 3));
        sample.storePoolSaturatedSince = Optional.of(NOW);
        pool = InternalConditions.from(sample.build(), strict).stream()
                .filter(c -> c.dedupKey().equals("store:pool")).findFirst().orElseThrow();
        assertThat(pool.active()).as("3 waiting, at the first sample: monitor.store-pool-waiting-for 0s").isTrue();
    }

    private static Map<String, Condition> conditions(Samples sample) {
        List<Condition> list = InternalConditions.from(sample.build(), DEFAULTS);
        assertThat(list).extracting(Condition::dedupKey).doesNotHaveDuplicates();
        return list.stream().collect(Collectors.toMap(Condition::dedupKey, Function.identity()));
    }
}
