package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.bodies;
import static dev.breakwater.spool.Fixtures.draft;
import static dev.breakwater.spool.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneTest {

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(1_000);
    private final Faults faults = new Faults();
    private Spool spool;

    private Spool open(SpoolConfig config) throws IOException {
        spool = Spool.open(config, clock, faults);
        return spool;
    }

    @AfterEach
    void close() throws IOException {
        faults.releaseForces();
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void aRecordReadsBackWithTheHeaderTheSpoolGaveIt() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        ByteBuffer body = ByteBuffer.wrap(new byte[] {1, 2, 3});
        RecordDraft draft = new RecordDraft("42", "rollbar-item", "application/json", "gzip", body);

        AppendOutcome.Appended appended = Fixtures.appended(events.append(draft));
        List<SpoolRecord> records = readAll(events);

        assertThat(appended).isEqualTo(new AppendOutcome.Appended(0, 0, 1_000));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.offset()).isZero();
            assertThat(record.header())
                    .isEqualTo(new RecordHeader("events", "42", Fixtures.NODE, 0, 1_000, "rollbar-item",
                            "application/json", "gzip"));
            assertThat(Fixtures.bytes(record.body())).containsExactly(1, 2, 3);
        });
    }

    @Test
    void offsetsAreContiguousPerLaneAndSeqsIncreaseAcrossLanes() throws IOException {
        open(Fixtures.config(directory, "events", "metrics"));
        List<AppendOutcome.Appended> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(append(spool.lane(i % 3 == 0 ? "metrics" : "events"), body(i, 10)));
        }

        assertThat(outcomes).extracting(AppendOutcome.Appended::seq).isSorted().doesNotHaveDuplicates();
        assertThat(readAll(spool.lane("events")))
                .extracting(SpoolRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(readAll(spool.lane("metrics"))).extracting(SpoolRecord::offset).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void receiveTimesNeverGoBackAlongALaneEvenWhenTheClockDoes() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");

        clock.set(5_000);
        long first = append(events, body(1, 1)).receivedAt();
        clock.set(4_000);
        long second = append(events, body(2, 1)).receivedAt();
        clock.set(6_000);
        long third = append(events, body(3, 1)).receivedAt();

        assertThat(List.of(first, second, third)).containsExactly(5_000L, 5_000L, 6_000L);
    }

    @Test
    void seqAndReceiveTimeCarryOnAfterARestart() throws IOException {
        SpoolConfig config = Fixtures.config(directory, "events", "metrics");
        open(config);
        clock.set(9_000);
        append(spool.lane("events"), body(1, 1));
        long lastSeq = append(spool.lane("metrics"), body(2, 1)).seq();
        spool.close();

        clock.set(100);
        open(config);
        AppendOutcome.Appended next = append(spool.lane("events"), body(3, 1));

        assertThat(next.seq()).isGreaterThan(lastSeq);
        assertThat(next.receivedAt()).isEqualTo(9_000);
        assertThat(next.offset()).isEqualTo(1);
    }

    @Test
    void pollIsBoundedByCountAndBytesButReturnsAtLeastOneRecord() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        for (int i = 0; i < 10; i++) {
            append(events, body(i, 100));
        }
        int frame = Fixtures.frameBytes("events", body(0, 100));

        try (LaneReader reader = events.reader(0)) {
            assertThat(reader.poll(3, Long.MAX_VALUE)).extracting(SpoolRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(reader.poll(100, 1)).extracting(SpoolRecord::offset).containsExactly(3L);
            assertThat(reader.poll(100, 2L * frame + frame / 2))
                    .extracting(SpoolRecord::offset)
                    .containsExactly(4L, 5L);
            assertThat(reader.position()).isEqualTo(6);
            assertThat(reader.poll(100, Long.MAX_VALUE)).hasSize(4);
            assertThat(reader.poll(100, Long.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void readersSeeOnlyForcedRecords() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        append(events, body(0, 10));
        try (LaneReader reader = events.reader(1)) {
            faults.holdForces();
            CompletableFuture<AppendOutcome> held = events.append(draft(body(1, 10)));
            await().until(() -> faults.forcesWaiting() == 1);

            assertThat(reader.poll(10, Long.MAX_VALUE)).isEmpty();
            assertThat(events.stats().nextOffset()).isEqualTo(1);
            assertThat(held).isNotDone();

            faults.releaseForces();
            assertThat(held.join()).isInstanceOf(AppendOutcome.Appended.class);
            assertThat(reader.poll(10, Long.MAX_VALUE)).extracting(SpoolRecord::offset).containsExactly(1L);
        }
    }

    @Test
    void appendsBeyondThePendingLimitAreRefusedAsBusy() throws IOException {
        SpoolConfig config =
                new SpoolConfig(directory, Fixtures.NODE, Fixtures.SEGMENT, Map.of("events", 1L << 30), 64 * 1024);
        Lane events = open(config).lane("events");
        faults.holdForces();
        List<CompletableFuture<AppendOutcome>> accepted = new ArrayList<>();
        accepted.add(events.append(draft(body(0, 10_000))));
        await().until(() -> faults.forcesWaiting() == 1);

        AppendOutcome refused = null;
        for (int i = 1; i < 100 && refused == null; i++) {
            CompletableFuture<AppendOutcome> outcome = events.append(draft(body(i, 10_000)));
            if (outcome.isDone() && outcome.join() instanceof AppendOutcome.Busy) {
                refused = outcome.join();
            } else {
                accepted.add(outcome);
            }
        }

        assertThat(refused).isInstanceOfSatisfying(AppendOutcome.Busy.class, busy -> assertThat(busy.pendingBytes())
                .isLessThanOrEqualTo(64 * 1024)
                .isGreaterThan(64 * 1024 - 2 * 10_100));
        assertThat(accepted).hasSizeBetween(2, 7);
        faults.releaseForces();
        assertThat(accepted)
                .allSatisfy(outcome -> assertThat(outcome.join()).isInstanceOf(AppendOutcome.Appended.class));
        append(events, body(100, 10_000));
        assertThat(readAll(events)).hasSize(accepted.size() + 1);
    }

    @Test
    void closeWritesWhatIsPendingAndLaterAppendsFail() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        List<CompletableFuture<AppendOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            outcomes.add(events.append(draft(body(i, 500))));
        }

        spool.close();
        spool.close();

        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome.getNow(null)).isInstanceOf(AppendOutcome.Appended.class));
        assertThat(events.append(draft(body(0, 1))).getNow(null)).isEqualTo(new AppendOutcome.Failed("spool closed"));
        open(Fixtures.config(directory, "events"));
        assertThat(readAll(spool.lane("events"))).hasSize(200);
    }

    @Test
    void statsDescribeTheLane() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        clock.set(7_000);
        append(events, body(1, 100));
        append(events, body(2, 200));
        long frames = Fixtures.frameBytes("events", body(1, 100)) + Fixtures.frameBytes("events", body(2, 200));

        LaneStats stats = events.stats();

        assertThat(stats).isEqualTo(new LaneStats(
                "events", 2, 0, SegmentHeader.BYTES + frames, Fixtures.LARGE_QUOTA, 2, frames, 7_000, 0, 2));
    }

    @Test
    void readersStartOnlyWithinTheLane() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        append(events, body(1, 1));

        try (LaneReader atEnd = events.reader(1)) {
            assertThat(atEnd.poll(10, 100)).isEmpty();
        }
        assertThatThrownBy(() -> events.reader(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lane events holds offsets [0, 1], cannot read from 2");
    }

    @Test
    void largeAndEmptyBodiesRoundTrip() throws IOException {
        Lane events = open(Fixtures.config(directory, "events")).lane("events");
        List<byte[]> written = List.of(new byte[0], body(1, 300_000), new byte[0], body(2, 5));
        written.forEach(body -> append(events, body));

        assertThat(bodies(readAll(events))).containsExactlyElementsOf(written);
        assertThat(events.segmentFiles()).hasSize(2);
    }
}
