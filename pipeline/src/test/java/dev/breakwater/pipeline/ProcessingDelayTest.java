package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.testing.ManualClock;
import dev.breakwater.store.ProjectRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE.md "Processing delay": per node, newest accepted receive time minus newest processed receive time, 0
 * when nothing waits; kept across restarts; the lane's pause is persisted too.
 */
class ProcessingDelayTest {
    @TempDir
    Path dir;

    @Test
    void delayGrowsWhilePausedAndReturnsToZeroAfterResume() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (PipelineFixture fixture = new PipelineFixture(dir, PipelineFixture.sqlite(dir), clock)) {
            ProjectRecord project = fixture.createProject("shop");
            fixture.appendStore(project.id(), event(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> events(fixture).backlogRecords() == 0);
            assertThat(fixture.pipeline().status().delaySeconds()).isZero();

            fixture.pipeline().pause("events");
            await().atMost(Duration.ofSeconds(10)).until(() -> events(fixture).state() == LaneState.PAUSED);
            clock.advance(Duration.ofSeconds(10));
            fixture.appendStore(project.id(), event(2));
            assertThat(fixture.pipeline().status().delaySeconds()).isEqualTo(10.0);
            clock.advance(Duration.ofSeconds(30));
            fixture.appendStore(project.id(), event(3));

            PipelineStatus paused = fixture.pipeline().status();
            assertThat(paused.delaySeconds()).isEqualTo(40.0);
            assertThat(paused.nodes()).singleElement().satisfies(node -> {
                assertThat(node.node()).isEqualTo("n1");
                assertThat(node.delaySeconds()).isEqualTo(40.0);
                assertThat(node.lastProcessedReceivedAt()).contains(Instant.parse("2026-11-23T10:00:00Z"));
                assertThat(node.lastReceivedAt()).contains(Instant.parse("2026-11-23T10:00:40Z"));
            });
            assertThat(events(fixture).backlogRecords()).isEqualTo(2);
            assertThat(events(fixture).oldestAgeSeconds()).isEqualTo(30.0);
            assertThat(paused.catchUpEtaSeconds()).as("a paused lane does not drain").isEmpty();

            // the pause and the delay survive a restart: both come from the records and the store
            fixture.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> events(fixture).state() == LaneState.PAUSED);
            assertThat(fixture.pipeline().status().delaySeconds()).isEqualTo(40.0);

            fixture.pipeline().resume("events");
            await().atMost(Duration.ofSeconds(10)).until(() -> events(fixture).backlogRecords() == 0);
            PipelineStatus caughtUp = fixture.pipeline().status();
            assertThat(caughtUp.delaySeconds()).isZero();
            assertThat(caughtUp.catchUpEtaSeconds()).isEmpty();
            assertThat(events(fixture).state()).isEqualTo(LaneState.RUNNING);
        }
    }

    @Test
    void etaIsTheBacklogOverTheNetDrainRate() {
        RateWindow window = new RateWindow();
        window.sample(0, 1_000, 0, true);
        window.sample(1_000_000_000L, 1_100, 100, true); // the first batch: the window starts here
        window.sample(11_000_000_000L, 2_100, 3_100, true); // 100/s in, 300/s out over 10 s
        assertThat(window.inPerSecond()).isEqualTo(100.0);
        assertThat(window.outPerSecond()).isEqualTo(300.0);
        assertThat(Pipeline.eta(4_000, window.inPerSecond(), window.outPerSecond())).contains(20.0);
        assertThat(Pipeline.eta(4_000, 300, 300)).as("not draining").isEmpty();
        assertThat(Pipeline.eta(0, 0, 0)).as("nothing waits").isEmpty();

        window.reset(); // a resumed lane: what it did while paused does not count
        assertThat(window.outPerSecond()).isZero();
        window.sample(20_000_000_000L, 2_000, 3_100, true);
        window.sample(22_000_000_000L, 2_200, 3_100, true); // still starting: no batch written yet
        assertThat(window.outPerSecond()).isZero();
        window.sample(23_000_000_000L, 2_300, 3_400, true); // the first batch after resume
        window.sample(25_000_000_000L, 2_500, 4_400, true);
        assertThat(window.outPerSecond()).as("from the first batch on, the start-up left out").isEqualTo(500.0);
        window.sample(26_000_000_000L, 2_600, 4_400, true); // a slow batch after the start counts
        assertThat(window.outPerSecond()).isEqualTo(1_000.0 / 3);
    }

    @Test
    void theConsumerRestoringItsCheckpointIsNotProcessing() {
        RateWindow window = new RateWindow();
        window.sample(0, 1_000, 400, false); // the spool's position, before the consumer read the store's checkpoint
        window.sample(1_000_000_000L, 1_100, 400, false);
        assertThat(window.inPerSecond()).isEqualTo(100.0);
        window.sample(2_000_000_000L, 1_200, 900, true); // the checkpoint, 500 past the spool's position
        assertThat(window.outPerSecond()).isZero();
        window.sample(3_000_000_000L, 1_300, 900, true);
        window.sample(4_000_000_000L, 1_400, 1_900, true); // the first batch
        window.sample(5_000_000_000L, 1_500, 2_100, true);
        assertThat(window.outPerSecond()).isEqualTo(200.0);
    }

    private static LaneStatus events(PipelineFixture fixture) {
        return fixture.pipeline().status().lanes().stream()
                .filter(l -> l.name().equals("events"))
                .findFirst()
                .orElseThrow();
    }

    private static String event(int n) {
        return Payloads.sentryEvent(Payloads.eventId(n), "Boom", "boom", "pay", n);
    }
}
