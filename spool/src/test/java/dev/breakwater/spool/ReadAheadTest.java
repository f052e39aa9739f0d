package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cursor reads a segment in chunks ({@link ReadAhead}) and hands out records whose bodies are slices of them: what
 * it handed out must stay intact while it reads on, across chunk boundaries, records larger than a chunk, a durable
 * end that moves between polls, and segment rolls.
 */
class ReadAheadTest {

    @TempDir
    Path directory;

    @Test
    void recordsHandedOutStayIntactWhileTheCursorReadsOnAndTheLaneGrows() throws IOException {
        Random random = new Random(7);
        List<byte[]> appended = new ArrayList<>();
        List<SpoolRecord> handedOut = new ArrayList<>();
        // Segments of several chunks, so that a cursor refills within a segment and not only on entering the next
        SpoolConfig config = new SpoolConfig(
                directory, Fixtures.NODE, 2L << 20, Map.of("events", Fixtures.LARGE_QUOTA), 64L << 20);
        try (Spool spool = Spool.open(config, new ManualClock(1_000));
                LaneReader reader = spool.lane("events").reader(0)) {
            Lane events = spool.lane("events");
            for (int round = 0; round < 40; round++) {
                for (int i = random.nextInt(60); i > 0; i--) {
                    int size = random.nextInt(50) == 0
                            ? ReadAhead.CHUNK - 200 + random.nextInt(100_000) // about a chunk, or more
                            : 1 + random.nextInt(3_000);
                    byte[] body = body(random.nextLong(), size);
                    append(events, body);
                    appended.add(body);
                }
                // Poll part of what is there, so that the next round's appends land past a chunk read short.
                handedOut.addAll(reader.poll(1 + random.nextInt(40), 1 + random.nextInt(400_000)));
            }
            for (List<SpoolRecord> records = reader.poll(7, 1 << 20); !records.isEmpty();
                    records = reader.poll(7, 1 << 20)) {
                handedOut.addAll(records);
            }
            assertThat(Fixtures.segmentFiles(directory.resolve("events")))
                    .as("the lane rolled segments")
                    .hasSizeGreaterThan(2);
        }

        assertThat(handedOut).hasSameSizeAs(appended);
        for (int i = 0; i < appended.size(); i++) {
            assertThat(handedOut.get(i).offset()).isEqualTo(i);
            assertThat(Fixtures.bytes(handedOut.get(i).body())).as("record %d", i).isEqualTo(appended.get(i));
        }
    }
}
