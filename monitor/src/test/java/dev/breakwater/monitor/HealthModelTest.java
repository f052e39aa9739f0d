package dev.breakwater.monitor;

import static dev.breakwater.monitor.Samples.NOW;
import static dev.breakwater.monitor.Samples.used;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.store.PoolStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthModelTest {
    @Test
    void healthySampleIsOperationalEverywhere() {
        Map<Component, Assessment> assessed = assess(Samples.healthy());

        assertThat(assessed).containsOnlyKeys(
                Component.INGEST, Component.processing("events"), Component.NOTIFICATIONS, Component.WEB);
        assertThat(assessed.values()).extracting(Assessment::status).containsOnly(ComponentStatus.OPERATIONAL);
    }

    @Test
    void ingest() {
        Samples sample = Samples.healthy();
        sample.ingest = new IngestTraffic(100, 10);
        assertThat(status(sample, Component.INGEST)).isEqualTo(ComponentStatus.DEGRADED);

        sample.spoolDisk = Optional.of(used(0.985));
        Assessment full = assess(sample).get(Component.INGEST);
        assertThat(full.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(full.reason()).contains("refused");

        sample.spoolDisk = Optional.of(used(0.97));
        sample.ingest = new IngestTraffic(100, 9);
        assertThat(status(sample, Component.INGEST)).isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void processingLane() {
        Component events = Component.processing("events");
        Samples sample = Samples.healthy();

        sample.lane(SettablePipelineControl.lane("events", LaneState.RETRYING), Optional.of(NOW.minusSeconds(10)), 0);
        Assessment retrying = assess(sample).get(events);
        assertThat(retrying.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(retrying.reason()).as("public: no error text")
                .isEqualTo("Processing of events has been stalled for 10 s; received data is kept and will be"
                        + " processed when it resumes.");

        sample.lane(SettablePipelineControl.lane("events", LaneState.RETRYING), Optional.of(NOW.minusSeconds(300)), 0);
        assertThat(status(sample, events)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);

        sample.lane(SettablePipelineControl.lane("events", LaneState.PAUSED), Optional.empty(), 0);
        assertThat(status(sample, events)).isEqualTo(ComponentStatus.DEGRADED);

        sample.lane(SettablePipelineControl.lane("events", LaneState.RUNNING, 10, 301, 0, 0), Optional.empty(), 0);
        assertThat(status(sample, events)).isEqualTo(ComponentStatus.DEGRADED);

        sample.lane(SettablePipelineControl.lane("events", LaneState.RUNNING, 10, 20, 31, 0), Optional.empty(), 0);
        assertThat(assess(sample).get(events).reason()).isEqualTo("Processing of events is running about 31 s behind.");

        sample.lane(SettablePipelineControl.lane("events", LaneState.RUNNING, 10, 20, 29, 5), Optional.empty(), 5);
        assertThat(status(sample, events)).as("quarantine alerts operators, it is no outage")
                .isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void notificationsAndWeb() {
        Samples sample = Samples.healthy();
        sample.notifications = Optional.of(new NotificationHealth(1, 2, 0, 0));
        assertThat(status(sample, Component.NOTIFICATIONS)).isEqualTo(ComponentStatus.DEGRADED);
        sample.notifications = Optional.of(new NotificationHealth(0, 2, 1, 0));
        assertThat(status(sample, Component.NOTIFICATIONS)).isEqualTo(ComponentStatus.DEGRADED);
        sample.notifications = Optional.of(new NotificationHealth(3, 2, 2, 0));
        assertThat(status(sample, Component.NOTIFICATIONS)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        sample.notifications = Optional.of(new NotificationHealth(0, 0, 0, 0));
        assertThat(status(sample, Component.NOTIFICATIONS)).as("no channel, nothing fails")
                .isEqualTo(ComponentStatus.OPERATIONAL);

        sample.store = new StoreLatency(true, 0.1, 1.2, Optional.empty());
        assertThat(status(sample, Component.WEB)).isEqualTo(ComponentStatus.DEGRADED);

        sample.store = new StoreLatency(false, 5, 0.01, Optional.empty());
        sample.notifications = Optional.empty();
        Map<Component, Assessment> down = assess(sample);
        assertThat(down.get(Component.WEB).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(down).as("no evidence about notifications, no change").doesNotContainKey(Component.NOTIFICATIONS);
    }

    @Test
    void overdueNotificationsDegradeBeforeAnyIsGivenUp() {
        Samples sample = Samples.healthy();
        sample.notifications = Optional.of(new NotificationHealth(0, 2, 0, 119));
        assertThat(status(sample, Component.NOTIFICATIONS)).isEqualTo(ComponentStatus.OPERATIONAL);

        sample.notifications = Optional.of(new NotificationHealth(0, 2, 0, 180));
        Assessment overdue = assess(sample).get(Component.NOTIFICATIONS);
        assertThat(overdue.status()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(overdue.reason()).isEqualTo("Notifications are delayed: some have waited 3 min to be sent.");

        sample.notifications = Optional.of(new NotificationHealth(0, 2, 2, 180));
        assertThat(status(sample, Component.NOTIFICATIONS)).as("every channel failing is worse")
                .isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void aSaturatedStorePoolDegradesWeb() {
        Samples sample = Samples.healthy();
        sample.storePool = Optional.of(new PoolStats(8, 0, 8, 8, 1));
        Assessment busy = assess(sample).get(Component.WEB);
        assertThat(busy.status()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(busy.reason()).contains("busy");

        sample.storePool = Optional.empty();
        assertThat(status(sample, Component.WEB)).isEqualTo(ComponentStatus.OPERATIONAL);

        sample.storePool = Optional.of(new PoolStats(8, 0, 8, 8, 1));
        sample.store = new StoreLatency(false, 5, 0.01, Optional.empty());
        Assessment overloaded = assess(sample).get(Component.WEB);
        assertThat(overloaded.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(overloaded.reason()).as("the ping got no connection: the pool, not the database, is what it shows")
                .isEqualTo("The database is overloaded: pages and API calls wait for a connection and fail.");

        sample.storePool = Optional.of(new PoolStats(0, 8, 8, 8, 0));
        assertThat(assess(sample).get(Component.WEB).reason())
                .isEqualTo("The database does not answer: the web interface and API cannot show data.");
    }

    @Test
    void overallIsTheWorst() {
        assertThat(HealthModel.overall(List.of())).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(HealthModel.overall(List.of(ComponentStatus.DEGRADED, ComponentStatus.PARTIAL_OUTAGE,
                ComponentStatus.OPERATIONAL))).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    }

    private static ComponentStatus status(Samples sample, Component component) {
        return assess(sample).get(component).status();
    }

    private static Map<Component, Assessment> assess(Samples sample) {
        return HealthModel.assess(sample.build(), Thresholds.defaults()).stream()
                .collect(Collectors.toMap(Assessment::component, Function.identity()));
    }
}
