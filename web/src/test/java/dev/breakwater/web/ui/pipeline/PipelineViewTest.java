package dev.breakwater.web.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.NodeDelay;
import dev.breakwater.pipeline.PipelineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineViewTest {
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final Duration THRESHOLD = Duration.ofSeconds(30);

    @Test
    void anIdlePipelineHasNoBacklog() {
        PipelineView view = PipelineView.of(
                new PipelineStatus(0, Optional.empty(), List.of(), List.of(lane("events", LaneState.RUNNING, 0))),
                NOW, THRESHOLD);

        assertThat(view.delay()).isEqualTo("0 s");
        assertThat(view.behind()).isFalse();
        assertThat(view.catchUp()).isEqualTo("no backlog");
        assertThat(view.lanes()).singleElement().satisfies(row -> assertThat(row.oldestAge()).isEqualTo("\u2013"));
    }

    @Test
    void aShrinkingBacklogHasAnEta() {
        PipelineView view = PipelineView.of(
                new PipelineStatus(95, Optional.of(125.0), List.of(), List.of(lane("events", LaneState.RUNNING, 500))),
                NOW, THRESHOLD);

        assertThat(view.delay()).isEqualTo("1 min 35 s");
        assertThat(view.behind()).isTrue();
        assertThat(view.catchUp()).isEqualTo("catching up in about 2 min 5 s");
    }

    @Test
    void aBacklogWithoutAnEtaIsNotCatchingUp() {
        PipelineView view = PipelineView.of(
                new PipelineStatus(12, Optional.empty(), List.of(), List.of(lane("events", LaneState.PAUSED, 3))),
                NOW, THRESHOLD);

        assertThat(view.behind()).isFalse();
        assertThat(view.catchUp()).isEqualTo("not catching up");
    }

    @Test
    void lanesAreFormattedForPeople() {
        LaneStatus events = new LaneStatus("events", LaneState.RUNNING, 12_345, 3L * 1024 * 1024, 75, 70, 250.4, 0.5,
                7, 10L << 30, 512L << 20, Optional.of("old failure"));

        LaneRow row = LaneRow.of(events);

        assertThat(row.stateName()).isEqualTo("running");
        assertThat(row.paused()).isFalse();
        assertThat(row.error()).as("an error of the past is not the lane's state").isEmpty();
        assertThat(row.backlogRecords()).isEqualTo("12,345");
        assertThat(row.backlogSize()).isEqualTo("3.0 MiB");
        assertThat(row.oldestAge()).isEqualTo("1 min 15 s");
        assertThat(row.inRate()).isEqualTo("250/s");
        assertThat(row.outRate()).isEqualTo("0.5/s");
        assertThat(row.disk()).isEqualTo("512 MiB of 10 GiB");
        assertThat(row.quarantined()).isEqualTo(7);
    }

    @Test
    void aRetryingLaneShowsItsLastError() {
        LaneStatus events = new LaneStatus("events", LaneState.RETRYING, 1, 10, 1, 1, 0, 0, 0, 0, 100,
                Optional.of("database is locked"));

        LaneRow row = LaneRow.of(events);

        assertThat(row.stateName()).isEqualTo("retrying");
        assertThat(row.error()).hasValue("database is locked");
        assertThat(row.disk()).isEqualTo("100 B");
    }

    @Test
    void nodesSayHowLongAgoTheirRecordsCameAndWent() {
        NodeRow row = NodeRow.of(
                new NodeDelay("node-a", Optional.of(NOW.minusSeconds(5)), Optional.empty(), 42), NOW);

        assertThat(row.node()).isEqualTo("node-a");
        assertThat(row.delay()).isEqualTo("42 s");
        assertThat(row.lastReceived()).isEqualTo("5 s ago");
        assertThat(row.lastProcessed()).isEqualTo("never");
    }

    @Test
    void theReplayNoticeTakesOnlyACount() {
        assertThat(PipelinePages.replayedNotice("0")).startsWith("Nothing was re-queued");
        assertThat(PipelinePages.replayedNotice("1")).startsWith("Re-queued 1 record;");
        assertThat(PipelinePages.replayedNotice("12")).startsWith("Re-queued 12 records;");
        assertThat(PipelinePages.replayedNotice("<b>hi</b>")).isEmpty();
    }

    private static LaneStatus lane(String name, LaneState state, long backlog) {
        return new LaneStatus(
                name, state, backlog, backlog * 100, backlog > 0 ? 10 : 0, 0, 0, 0, 0, 0, 0, Optional.empty());
    }
}
