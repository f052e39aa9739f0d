package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.bodies;
import static dev.breakwater.spool.Fixtures.draft;
import static dev.breakwater.spool.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes and forces that fail: refused appends, a lane that keeps working, acknowledged records intact. */
class FaultyChannelTest {

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(1_000);
    private final Faults faults = new Faults();
    private final List<byte[]> acknowledged = new ArrayList<>();
    private Spool spool;

    private Lane open() throws IOException {
        spool = Spool.open(Fixtures.config(directory, "events"), clock, faults);
        return spool.lane("events");
    }

    @AfterEach
    void close() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    private void appendAcknowledged(Lane lane, int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = body(acknowledged.size(), 700);
            assertThat(append(lane, body).offset()).isEqualTo(acknowledged.size());
            acknowledged.add(body);
        }
    }

    private AppendOutcome appendRefused(Lane lane) {
        return lane.append(draft(body(-1, 700))).join();
    }

    /** Everything acknowledged, nothing else, after a restart. */
    private void assertIntactAfterReopen() throws IOException {
        spool.close();
        Lane lane = open();
        assertThat(bodies(readAll(lane))).containsExactlyElementsOf(acknowledged);
    }

    @Test
    void aFailedWriteFailsItsAppendAndTheLaneGoesOn() throws IOException {
        Lane events = open();
        appendAcknowledged(events, 5);
        // one segment: the bytes of its durable records (the file also holds the zeros written ahead of them)
        long durable = events.stats().diskUsedBytes();
        assertThat(Files.size(events.segmentFiles().getLast())).as("written ahead").isGreaterThan(durable);

        faults.write.arm(1, Faults.ioError());
        AppendOutcome refused = appendRefused(events);

        assertThat(refused).isInstanceOfSatisfying(AppendOutcome.Failed.class, failed -> assertThat(failed.reason())
                .contains("Input/output error"));
        assertThat(Files.size(events.segmentFiles().getLast()))
                .as("the partial frame is cut, and what was written ahead")
                .isEqualTo(durable);
        appendAcknowledged(events, 5);
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);
        assertIntactAfterReopen();
    }

    @Test
    void aFailedForceFailsItsWholeBatch() throws IOException {
        Lane events = open();
        appendAcknowledged(events, 3);

        faults.holdForces();
        List<AppendOutcome> outcomes = new ArrayList<>();
        CompletableFuture<AppendOutcome> first = events.append(draft(body(-1, 700)));
        await().until(() -> faults.forcesWaiting() == 1);
        List<CompletableFuture<AppendOutcome>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(events.append(draft(body(-2 - i, 700))));
        }
        await().until(() -> events.queuedRecords() == 10);
        faults.force.arm(2, Faults.ioError());
        faults.releaseForces();
        outcomes.add(first.join());
        batch.forEach(outcome -> outcomes.add(outcome.join()));

        assertThat(outcomes.getFirst()).isInstanceOf(AppendOutcome.Appended.class);
        acknowledged.add(body(-1, 700));
        assertThat(outcomes.subList(1, 11))
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(AppendOutcome.Failed.class));
        appendAcknowledged(events, 3);
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);
        assertIntactAfterReopen();
    }

    @Test
    void noSpaceOnTheDeviceIsLaneFull() throws IOException {
        Lane events = open();
        appendAcknowledged(events, 2);

        faults.write.arm(1, Faults.noSpace());
        AppendOutcome refused = appendRefused(events);

        assertThat(refused).isInstanceOfSatisfying(AppendOutcome.LaneFull.class, full -> {
            assertThat(full.detail()).contains("No space left on device");
            assertThat(full.quotaBytes()).isEqualTo(Fixtures.LARGE_QUOTA);
            assertThat(full.usedBytes()).isEqualTo(events.stats().diskUsedBytes());
        });
        appendAcknowledged(events, 2);
        assertIntactAfterReopen();
    }

    @Test
    void whenCuttingBackFailsTooTheNextBatchCutsFirst() throws IOException {
        Lane events = open();
        appendAcknowledged(events, 2);
        long durable = events.stats().diskUsedBytes(); // one segment

        faults.write.arm(1, Faults.noSpace());
        faults.truncate.arm(1, Faults.ioError());
        assertThat(appendRefused(events)).isInstanceOf(AppendOutcome.LaneFull.class);
        assertThat(Files.size(events.segmentFiles().getLast()))
                .as("garbage left behind for now")
                .isGreaterThan(durable);

        appendAcknowledged(events, 2);
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);
        assertIntactAfterReopen();
    }

    @Test
    void aFailedRollRefusesTheAppendAndTheNextOneRollsAgain() throws IOException {
        Lane events = open();
        acknowledged.add(body(0, 70_000)); // fills the first segment on its own
        append(events, acknowledged.getFirst());

        faults.write.arm(1, Faults.noSpace()); // the new segment's header
        assertThat(appendRefused(events)).isInstanceOf(AppendOutcome.LaneFull.class);
        assertThat(events.segmentFiles()).hasSize(1);
        assertThat(Fixtures.segmentFiles(directory.resolve("events"))).hasSize(1);

        appendAcknowledged(events, 2);
        assertThat(events.segmentFiles()).hasSize(2);
        assertIntactAfterReopen();
    }

    @Test
    void seqsStayAboveEverythingHandedOutEvenWhenTheOnlySegmentLeftIsEmpty() throws IOException {
        Lane events = open();
        long lastSeq = -1;
        try (LaneConsumer consumer = events.consumer("pipeline")) {
            append(events, body(0, 70_000));
            lastSeq = append(events, body(1, 70_000)).seq();
            // The roll for the third record works, its write does not: the newest segment stays empty.
            faults.write.arm(2, Faults.ioError());
            assertThat(appendRefused(events)).isInstanceOf(AppendOutcome.Failed.class);
            consumer.seek(2);
            consumer.commit(2);
        }
        assertThat(events.segmentFiles()).hasSize(1);
        assertThat(events.stats().oldestOffset()).isEqualTo(2);
        spool.close();

        Lane reopened = open();
        AppendOutcome.Appended next = append(reopened, body(2, 10));

        assertThat(next.offset()).isEqualTo(2);
        assertThat(next.seq()).isGreaterThan(lastSeq);
    }
}
