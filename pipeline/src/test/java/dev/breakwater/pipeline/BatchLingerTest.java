package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.ProjectRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PipelineConfig#linger}: a lane that keeps up starts its polls at least the linger apart, so a trickle of
 * records shares few store transactions; a lane with a backlog does not wait between its batches.
 */
class BatchLingerTest {
    @TempDir
    Path dir;

    @Test
    void aTrickleOfRecordsSharesFewTransactions() throws Exception {
        Duration linger = Duration.ofMillis(400);
        try (PipelineFixture fixture = fixture(linger)) {
            ProjectRecord project = fixture.createProject("shop");
            fixture.appendStore(project.id(), event(0));
            LaneProgress progress = fixture.pipeline().progress("events");
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.processedRecords() == 1);
            long batchesBefore = progress.committedBatches();

            long start = System.nanoTime();
            for (int i = 1; i <= 30; i++) {
                fixture.appendStore(project.id(), event(i));
                Thread.sleep(20);
            }
            long appendingNanos = System.nanoTime() - start;
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.processedRecords() == 31);

            long batches = progress.committedBatches() - batchesBefore;
            // one poll per linger while records arrive, plus the one that took the last of them
            long most = appendingNanos / linger.toNanos() + 2;
            assertThat(batches)
                    .as("30 records appended over %d ms in %d transactions", appendingNanos / 1_000_000, batches)
                    .isBetween(1L, most);
            assertThat(fixture.store().countEvents(project.id(), Optional.empty(), Optional.empty(), Instant.EPOCH)).isEqualTo(31);
        }
    }

    @Test
    void aBacklogIsWrittenWithoutWaitingBetweenBatches() throws Exception {
        Duration linger = PipelineConfig.MAX_LINGER;
        try (PipelineFixture fixture = fixture(linger)) {
            ProjectRecord project = fixture.createProject("shop");
            LaneProgress progress = fixture.pipeline().progress("events");
            fixture.appendStore(project.id(), event(0)); // the consumer is running before the pause
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.processedRecords() == 1);
            fixture.pipeline().pause("events");
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.state() == LaneState.PAUSED);
            int records = 1 + 5 * PipelineFixture.CONFIG.batchRecords();
            for (int i = 1; i < records; i++) {
                fixture.appendStore(project.id(), event(i));
            }
            long batchesBefore = progress.committedBatches();

            long start = System.nanoTime();
            fixture.pipeline().resume("events");
            // lingering between its five batches would take at least four lingers
            await().atMost(linger.multipliedBy(7).dividedBy(2)).until(() -> progress.processedRecords() == records);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(linger.multipliedBy(4));
            assertThat(progress.committedBatches() - batchesBefore).isGreaterThanOrEqualTo(5);
            assertThat(fixture.store().countEvents(project.id(), Optional.empty(), Optional.empty(), Instant.EPOCH)).isEqualTo(records);
        }
    }

    private PipelineFixture fixture(Duration linger) throws Exception {
        return new PipelineFixture(
                dir, PipelineFixture.sqlite(dir), Clock.systemUTC(), PipelineFixture.CONFIG.withLinger(linger));
    }

    private static String event(int n) {
        return Payloads.sentryEvent(Payloads.eventId(n), "Boom", "boom", "pay", n);
    }
}
