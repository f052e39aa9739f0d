package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding a record in a segment sealed before the spool was opened: such a segment has no offset index yet, so the
 * first seek into it walks frame heads from its start. A cursor reading through it must leave an index behind, so
 * that a seek near the consumer (the pipeline's status does one per call, for the age of the oldest waiting record)
 * walks at most one index interval, not everything read since the previous seek.
 */
class SeekTest {

    private static final int RECORDS = 10_000;
    private static final int BODY_BYTES = 1_000;
    /** A record deep into the first segment, which is sealed when the spool is opened again. */
    private static final long TARGET = 3_000;

    @TempDir
    Path directory;

    @Test
    void aSeekIntoAnOlderSegmentWalksOneIndexIntervalOnceACursorHasReadIt() throws IOException {
        SpoolConfig config = new SpoolConfig(
                directory, Fixtures.NODE, 4L << 20, Map.of("events", Fixtures.LARGE_QUOTA), 64L << 20);
        try (Spool spool = Spool.open(config, new ManualClock(1_000))) {
            Lane events = spool.lane("events");
            for (int i = 0; i < RECORDS; i++) {
                append(events, body(i, BODY_BYTES));
            }
        }
        assertThat(Fixtures.segmentFiles(directory.resolve("events"))).hasSizeGreaterThan(2);

        Faults faults = new Faults();
        try (Spool spool = Spool.open(config, new ManualClock(2_000), faults)) {
            Lane events = spool.lane("events");
            faults.clearReads();
            assertThat(readOne(events, TARGET)).isEqualTo(body(TARGET, BODY_BYTES));
            int unindexed = faults.positionalReads();
            assertThat(unindexed)
                    .as("the first seek walks the frame heads from the segment's start, one read each")
                    .isGreaterThan((int) TARGET);

            try (LaneReader reader = events.reader(TARGET)) {
                long read = 0;
                for (List<SpoolRecord> records = reader.poll(500, 1 << 20); !records.isEmpty();
                        records = reader.poll(500, 1 << 20)) {
                    read += records.size();
                }
                assertThat(read).isEqualTo(RECORDS - TARGET);
            }

            // Past what the first seek walked: only the cursor's reading can have indexed these.
            for (long offset : new long[] {TARGET + 700, TARGET + 801, RECORDS - 2}) {
                faults.clearReads();
                assertThat(readOne(events, offset)).isEqualTo(body(offset, BODY_BYTES));
                int perRecord = (int) (OffsetIndex.INTERVAL_BYTES / (BODY_BYTES + Frame.HEAD_BYTES)) + 1;
                assertThat(faults.positionalReads())
                        .as("reads to find record %d and read it", offset)
                        .isLessThanOrEqualTo(perRecord + 2);
            }
        }
    }

    private static byte[] readOne(Lane lane, long offset) throws IOException {
        try (LaneReader reader = lane.reader(offset)) {
            List<SpoolRecord> records = reader.poll(1, 1);
            assertThat(records).hasSize(1);
            assertThat(records.getFirst().offset()).isEqualTo(offset);
            return Fixtures.bytes(records.getFirst().body());
        }
    }
}
