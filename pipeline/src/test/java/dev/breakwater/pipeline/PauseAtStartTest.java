package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.ProjectRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pause or resume that arrives while a lane's consumer is still starting wins over the paused flag the consumer
 * read from the store's checkpoint just before: pause and resume write the store first, so theirs is the newer word.
 */
class PauseAtStartTest {
    @TempDir
    Path dir;

    @Test
    void aPauseBetweenTheCheckpointReadAndTheRestoreStays() {
        LaneProgress progress = new LaneProgress("events");
        progress.paused(true); // the store says paused now; the consumer read "running" a moment before
        progress.restored(0, Map.of(), false);
        assertThat(progress.isPaused()).isTrue();
        assertThat(progress.state()).isEqualTo(LaneState.PAUSED);

        LaneProgress resumed = new LaneProgress("events");
        resumed.paused(false);
        resumed.restored(0, Map.of(), true);
        assertThat(resumed.isPaused()).isFalse();
    }

    @Test
    void withoutOneTheCheckpointDecides() {
        LaneProgress progress = new LaneProgress("events");
        progress.restored(0, Map.of(), true);
        assertThat(progress.isPaused()).isTrue();
    }

    @Test
    void aLanePausedRightAfterStartDoesNotProcess() throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(dir, PipelineFixture.sqlite(dir), Clock.systemUTC())) {
            ProjectRecord project = fixture.createProject("shop");
            fixture.pipeline().pause("events");
            LaneProgress progress = fixture.pipeline().progress("events");
            for (int i = 0; i < 3; i++) {
                fixture.appendStore(project.id(), Payloads.sentryEvent(Payloads.eventId(i), "Boom", "boom", "pay", i));
            }
            // the consumer has started and polled several times by now (5 ms idle polls) had it been running
            Thread.sleep(500);
            assertThat(progress.state()).isEqualTo(LaneState.PAUSED);
            assertThat(progress.processedRecords()).isZero();

            fixture.pipeline().resume("events");
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.processedRecords() == 3);
        }
    }
}
