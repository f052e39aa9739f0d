package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.spool.Lane;
import dev.breakwater.store.ProjectRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events lane's consumer tells the spool how far the store has got, so that the spool deletes the segments
 * nothing needs any more: while it runs (at most once a second, not after every batch) and completely when it stops.
 */
class SpoolPositionTest {
    /** Enough records of a few hundred bytes to fill several of the fixture's 256 KiB segments. */
    private static final int RECORDS = 3000;

    @TempDir
    Path dir;

    @Test
    void aRunningLaneLetsTheSpoolDeleteTheSegmentsItProcessed() throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(dir, PipelineFixture.sqlite(dir), Clock.systemUTC())) {
            ProjectRecord project = fixture.createProject("shop");
            append(fixture, project, RECORDS);
            Lane lane = fixture.spool().lane("events");
            LaneProgress progress = fixture.pipeline().progress("events");
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.processedRecords() == RECORDS);

            // idle now: the position catches up within the commit interval, and sealed segments go
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lane.stats().slowestConsumerOffset() == lane.stats().nextOffset());
            assertThat(lane.stats().oldestOffset()).isPositive();
        }
    }

    @Test
    void aStoppedLaneHasRecordedEverythingTheStoreHolds() throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(dir, PipelineFixture.sqlite(dir), Clock.systemUTC())) {
            ProjectRecord project = fixture.createProject("shop");
            Lane lane = fixture.spool().lane("events");
            LaneProgress progress = fixture.pipeline().progress("events");
            append(fixture, project, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.processedRecords() == 10);
            // now within a second of the first commit: the next batches are recorded at stop at the latest
            append(fixture, project, RECORDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.processedRecords() == 10 + RECORDS);

            fixture.pipeline().close();

            long end = lane.stats().nextOffset();
            assertThat(lane.stats().slowestConsumerOffset()).isEqualTo(end);
            assertThat(fixture.store().checkpoint("events").orElseThrow().nextOffset()).isEqualTo(end);
        }
    }

    private static void append(PipelineFixture fixture, ProjectRecord project, int count) {
        for (int i = 0; i < count; i++) {
            fixture.appendStore(project.id(), Payloads.sentryEvent(
                    Payloads.eventId(i), "TimeoutException", "after " + i + " ms", "call", i));
        }
    }
}
