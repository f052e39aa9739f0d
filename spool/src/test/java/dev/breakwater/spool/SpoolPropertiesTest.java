package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Random histories of appends (empty bodies to bodies larger than a segment), polls, commits and restarts on 64KiB
 * segments: what is read back is exactly what was acknowledged. And random torn writes: what survives is exactly the
 * records complete before the tear.
 */
class SpoolPropertiesTest {

    private static final List<String> LANES = List.of("events", "metrics");

    sealed interface Step permits Append, Poll, Commit, Restart {}

    /** Appends records of these sizes to a lane at once, so that they may share a group commit. */
    record Append(String lane, List<Integer> sizes, long seed) implements Step {}

    record Poll(String lane, int maxRecords, long maxBytes) implements Step {}

    /** Commits what the lane's consumer has polled so far. */
    record Commit(String lane) implements Step {}

    record Restart() implements Step {}

    /** What was acknowledged, in offset order. */
    record Acked(long offset, long seq, byte[] body) {}

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(55, Arbitraries.integers().between(1, 2_000)),
                Tuple.of(30, Arbitraries.integers().between(2_000, 30_000)),
                Tuple.of(10, Arbitraries.integers().between(60_000, 150_000)),
                // about a cursor's read-ahead chunk, and larger
                Tuple.of(2, Arbitraries.integers().between(ReadAhead.CHUNK - 100, ReadAhead.CHUNK + 60_000)));
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> lane = Arbitraries.of(LANES);
        Arbitrary<Step> append = Combinators.combine(
                        lane, sizes().list().ofMinSize(1).ofMaxSize(8), Arbitraries.longs())
                .as(Append::new);
        Arbitrary<Step> poll = Combinators.combine(
                        lane, Arbitraries.integers().between(1, 20), Arbitraries.longs().between(1, 200_000))
                .as(Poll::new);
        Arbitrary<Step> commit = lane.map(Commit::new);
        Arbitrary<Step> restart = Arbitraries.just(new Restart());
        return Arbitraries.frequencyOf(
                        Tuple.of(6, append), Tuple.of(4, poll), Tuple.of(2, commit), Tuple.of(1, restart))
                .list()
                .ofMaxSize(30);
    }

    /** The spool under test with one consumer per lane, and what it should hold. */
    private static final class Harness implements AutoCloseable {
        final Path directory;
        final Map<String, List<Acked>> acked = new HashMap<>();
        final Map<String, LaneConsumer> consumers = new HashMap<>();
        final ManualClock clock = new ManualClock(1_000);
        Spool spool;
        long lastSeq = -1;

        Harness() throws IOException {
            directory = Files.createTempDirectory("spool-property");
            LANES.forEach(lane -> acked.put(lane, new ArrayList<>()));
            open();
        }

        void open() throws IOException {
            spool = Spool.open(Fixtures.config(directory, LANES.toArray(String[]::new)), clock);
            for (String lane : LANES) {
                consumers.put(lane, spool.lane(lane).consumer("property"));
            }
        }

        void closeSpool() throws IOException {
            for (LaneConsumer consumer : consumers.values()) {
                consumer.close();
            }
            spool.close();
        }

        void run(Step step) throws IOException {
            switch (step) {
                case Append append -> append(append);
                case Poll poll -> poll(poll);
                case Commit commit -> consumers.get(commit.lane()).commit(consumers.get(commit.lane()).position());
                case Restart restart -> {
                    closeSpool();
                    open();
                    for (String lane : LANES) {
                        assertThat(consumers.get(lane).position()).isEqualTo(consumers.get(lane).committed());
                    }
                }
            }
        }

        private void append(Append append) {
            List<Acked> lane = acked.get(append.lane());
            List<byte[]> bodies = new ArrayList<>();
            List<CompletableFuture<AppendOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < append.sizes().size(); i++) {
                bodies.add(body(append.seed() + i, append.sizes().get(i)));
                clock.set(1_000 + lastSeq + i);
                outcomes.add(spool.lane(append.lane()).append(draft(bodies.getLast())));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                AppendOutcome.Appended appended = Fixtures.appended(outcomes.get(i));
                assertThat(appended.offset()).as("offsets are contiguous").isEqualTo(lane.size());
                assertThat(appended.seq()).as("seqs increase").isGreaterThan(lastSeq);
                lastSeq = appended.seq();
                lane.add(new Acked(appended.offset(), appended.seq(), bodies.get(i)));
            }
        }

        private void poll(Poll poll) throws IOException {
            LaneConsumer consumer = consumers.get(poll.lane());
            long from = consumer.position();
            List<SpoolRecord> records = consumer.poll(poll.maxRecords(), poll.maxBytes());
            List<Acked> expected = acked.get(poll.lane());
            assertThat(records.size()).isLessThanOrEqualTo(poll.maxRecords());
            if (from < expected.size()) {
                assertThat(records).isNotEmpty();
            }
            for (int i = 0; i < records.size(); i++) {
                assertMatches(records.get(i), expected.get((int) (from + i)));
            }
        }

        /** Everything from the oldest offset on disk, and the consumers' view from their commits. */
        void verifyAll() throws IOException {
            for (String lane : LANES) {
                List<Acked> expected = acked.get(lane);
                Lane log = spool.lane(lane);
                long oldest = log.stats().oldestOffset();
                assertThat(oldest).isLessThanOrEqualTo(consumers.get(lane).committed());
                assertThat(log.stats().nextOffset()).isEqualTo(expected.size());
                List<SpoolRecord> records = Fixtures.readAll(log);
                assertThat(records).hasSize(expected.size() - (int) oldest);
                for (int i = 0; i < records.size(); i++) {
                    assertMatches(records.get(i), expected.get((int) oldest + i));
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeSpool();
            } finally {
                Fixtures.deleteRecursively(directory);
            }
        }
    }

    private static void assertMatches(SpoolRecord record, Acked acked) {
        assertThat(record.offset()).isEqualTo(acked.offset());
        assertThat(record.header().seq()).isEqualTo(acked.seq());
        assertThat(Fixtures.bytes(record.body())).isEqualTo(acked.body());
    }

    @Property(tries = 60)
    void whatIsReadBackIsExactlyWhatWasAcknowledged(@ForAll("histories") List<Step> history) throws IOException {
        try (Harness harness = new Harness()) {
            for (Step step : history) {
                harness.run(step);
            }
            harness.verifyAll();
            harness.run(new Restart());
            harness.verifyAll();
        }
    }

    @Property(tries = 80)
    void aTornWriteLeavesExactlyTheRecordsCompleteBeforeIt(
            @ForAll("bodySizes") List<Integer> sizes,
            @ForAll @DoubleRange(min = 0, max = 1) double tearAt,
            @ForAll long seed)
            throws IOException {
        Path directory = Files.createTempDirectory("spool-torn");
        try {
            SpoolConfig config = Fixtures.config(directory, "events");
            List<byte[]> bodies = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (Spool spool = Spool.open(config, new ManualClock(1_000))) {
                List<CompletableFuture<AppendOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) {
                    bodies.add(body(seed + i, sizes.get(i)));
                    outcomes.add(spool.lane("events").append(draft(bodies.getLast())));
                }
                outcomes.forEach(outcome -> seqs.add(Fixtures.appended(outcome).seq()));
            }
            Path last = Fixtures.segmentFiles(directory.resolve("events")).getLast();
            long base = Segment.baseOffsetOf(last);
            long tear = (long) (tearAt * Files.size(last));
            try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
                channel.truncate(tear);
            }
            // Records before the newest segment survive, and in it those whose frames end by the tear.
            int survivors = (int) base;
            for (long end = SegmentHeader.BYTES; survivors < bodies.size(); survivors++) {
                end += Fixtures.frameBytes("events", bodies.get(survivors));
                if (end > tear) {
                    break;
                }
            }

            try (Spool spool = Spool.open(config, new ManualClock(1_000))) {
                Lane events = spool.lane("events");
                List<SpoolRecord> records = Fixtures.readAll(events);

                assertThat(records).hasSize(survivors);
                for (int i = 0; i < survivors; i++) {
                    assertThat(records.get(i).offset()).isEqualTo(i);
                    assertThat(records.get(i).header().seq()).isEqualTo(seqs.get(i));
                    assertThat(Fixtures.bytes(records.get(i).body())).isEqualTo(bodies.get(i));
                }
                AppendOutcome.Appended next = Fixtures.append(events, body(seed - 1, 10));
                assertThat(next.offset()).isEqualTo(survivors);
                if (survivors > 0) {
                    assertThat(next.seq()).isGreaterThan(seqs.get(survivors - 1));
                }
                assertThat(Fixtures.readAll(events)).hasSize(survivors + 1);
            }
        } finally {
            Fixtures.deleteRecursively(directory);
        }
    }

    @Provide
    Arbitrary<List<Integer>> bodySizes() {
        return sizes().list().ofMinSize(1).ofMaxSize(25);
    }
}
