package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.bodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named consumers: positions that survive restarts, and the segments they hold. */
class ConsumerTest {

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(1_000);
    private final List<byte[]> written = new ArrayList<>();
    private Spool spool;

    private Lane open() throws IOException {
        spool = Spool.open(Fixtures.config(directory, "events"), clock);
        return spool.lane("events");
    }

    @AfterEach
    void close() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    /** Appends records of 10KB: six fill a 64KiB segment. */
    private void appendRecords(Lane lane, int count) {
        for (int i = 0; i < count; i++) {
            written.add(body(written.size(), 10_000));
            append(lane, written.getLast());
        }
    }

    private List<byte[]> pollAll(LaneConsumer consumer) throws IOException {
        return bodies(Fixtures.drain(consumer));
    }

    @Test
    void aCommittedPositionSurvivesARestart() throws IOException {
        Lane events = open();
        appendRecords(events, 10);
        try (LaneConsumer consumer = events.consumer("pipeline")) {
            assertThat(consumer.poll(4, Long.MAX_VALUE)).hasSize(4);
            consumer.commit(4);
        }
        spool.close();

        try (LaneConsumer consumer = open().consumer("pipeline")) {
            assertThat(consumer.committed()).isEqualTo(4);
            assertThat(consumer.position()).isEqualTo(4);
            assertThat(pollAll(consumer)).containsExactlyElementsOf(written.subList(4, 10));
        }
        assertThat(directory.resolve("events/consumers/pipeline.pos")).hasSize(13);
    }

    @Test
    void segmentsGoOnceEveryConsumerIsPastThem() throws IOException {
        Lane events = open();
        appendRecords(events, 40);
        int segments = events.segmentFiles().size();
        assertThat(segments).isGreaterThan(4);
        long diskBefore = events.stats().diskUsedBytes();

        try (LaneConsumer consumer = events.consumer("pipeline")) {
            pollAll(consumer);
            consumer.commit(consumer.position());
        }

        assertThat(events.segmentFiles()).hasSize(1);
        assertThat(Fixtures.segmentFiles(directory.resolve("events"))).containsExactlyElementsOf(events.segmentFiles());
        LaneStats stats = events.stats();
        assertThat(stats.oldestOffset()).isEqualTo(Segment.baseOffsetOf(events.segmentFiles().getFirst()));
        assertThat(stats.diskUsedBytes()).isLessThan(diskBefore);
        assertThat(stats.slowestConsumerOffset()).isEqualTo(40);
        Path remaining = events.segmentFiles().getFirst();
        spool.close();
        spool = null;
        // closed, the active segment ends at its last record: the zeros written ahead are cut
        assertThat(Files.size(remaining)).isEqualTo(stats.diskUsedBytes());
    }

    @Test
    void aSecondConsumerHoldsTheSegmentsItHasNotPassed() throws IOException {
        Lane events = open();
        LaneConsumer slow = events.consumer("alerts");
        appendRecords(events, 40);
        int segments = events.segmentFiles().size();

        try (LaneConsumer fast = events.consumer("pipeline")) {
            pollAll(fast);
            fast.commit(40);
        }
        assertThat(events.segmentFiles()).hasSize(segments);
        assertThat(events.stats().slowestConsumerOffset()).isZero();

        slow.poll(20, Long.MAX_VALUE);
        slow.commit(20);
        assertThat(events.stats().oldestOffset()).isGreaterThan(0).isLessThanOrEqualTo(20);
        assertThat(pollAll(slow)).containsExactlyElementsOf(written.subList(20, 40));
        slow.close();
    }

    @Test
    void aRegisteredConsumerHoldsSegmentsAcrossARestartBeforeItIsOpenedAgain() throws IOException {
        Lane events = open();
        events.consumer("alerts").close();
        appendRecords(events, 40);
        spool.close();

        events = open();
        try (LaneConsumer pipeline = events.consumer("pipeline")) {
            pollAll(pipeline);
            pipeline.commit(40);
        }

        try (LaneConsumer alerts = events.consumer("alerts")) {
            assertThat(pollAll(alerts)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void aNewConsumerStartsAtTheOldestRecordOnDisk() throws IOException {
        Lane events = open();
        appendRecords(events, 40);
        try (LaneConsumer pipeline = events.consumer("pipeline")) {
            pipeline.seek(30);
            pipeline.commit(30);
        }
        long oldest = events.stats().oldestOffset();
        assertThat(oldest).isGreaterThan(0);

        try (LaneConsumer late = events.consumer("late")) {
            assertThat(late.committed()).isEqualTo(oldest);
            assertThat(pollAll(late)).containsExactlyElementsOf(written.subList((int) oldest, 40));
        }
    }

    @Test
    void seekingBackRetriesAndHoldsWhatItSoughtBackTo() throws IOException {
        Lane events = open();
        appendRecords(events, 40);
        try (LaneConsumer pipeline = events.consumer("pipeline")) {
            List<byte[]> first = bodies(pipeline.poll(30, Long.MAX_VALUE));
            pipeline.seek(0);
            assertThat(bodies(pipeline.poll(30, Long.MAX_VALUE))).containsExactlyElementsOf(first);

            pipeline.seek(5);
            pipeline.commit(30);
            assertThat(events.stats().oldestOffset()).as("held by the read position").isZero();
            assertThat(bodies(pipeline.poll(1, Long.MAX_VALUE))).containsExactly(written.get(5));

            pipeline.seek(35);
            pipeline.commit(30);
            assertThat(events.stats().oldestOffset()).isGreaterThan(5);
            assertThatThrownBy(() -> pipeline.seek(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("lane events holds offsets [");
        }
    }

    @Test
    void withoutConsumersNothingIsDeleted() throws IOException {
        Lane events = open();
        appendRecords(events, 40);
        int segments = events.segmentFiles().size();
        spool.close();

        assertThat(open().segmentFiles()).hasSize(segments);
    }

    @Test
    void aConsumerIsOpenOnceAtATimeAndCommitsOnlyWhatExists() throws IOException {
        Lane events = open();
        appendRecords(events, 2);
        try (LaneConsumer pipeline = events.consumer("pipeline")) {
            assertThatThrownBy(() -> events.consumer("pipeline"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("consumer 'pipeline' of lane events is already open");
            assertThatThrownBy(() -> pipeline.commit(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lane events holds offsets [0, 2], consumer 'pipeline' cannot commit 3");
        }
        events.consumer("pipeline").close();
        assertThatThrownBy(() -> events.consumer("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a consumer name must match");
    }

    @Test
    void aPlainReaderIsToldWhenTheSegmentItWasHeadingForIsGone() throws IOException {
        Lane events = open();
        appendRecords(events, 40);
        long secondSegment = Segment.baseOffsetOf(events.segmentFiles().get(1));
        try (LaneReader reader = events.reader(0);
                LaneConsumer pipeline = events.consumer("pipeline")) {
            reader.poll(1, Long.MAX_VALUE);
            pipeline.seek(40);
            pipeline.commit(40);

            assertThat(bodies(reader.poll(100, Long.MAX_VALUE)))
                    .as("the segment it is in stays readable")
                    .containsExactlyElementsOf(written.subList(1, (int) secondSegment));
            assertThatThrownBy(() -> reader.poll(100, Long.MAX_VALUE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no longer holds offset " + secondSegment);
        }
    }
}
