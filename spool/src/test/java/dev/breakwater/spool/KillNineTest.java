package dev.breakwater.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CrashingAppender}) appends as fast as it can and is killed with SIGKILL at a random moment, again
 * and again on the same directory. After each kill the spool is opened here and must hold every acknowledged record,
 * intact, in order, with seqs strictly increasing with offsets, and no damaged record at all.
 */
class KillNineTest {

    private static final int KILLS = 50;

    @TempDir
    Path directory;

    /** One acknowledged append, as the child printed it. */
    record Ack(String lane, long offset, long seq, int bodyCrc) {
        static Ack parse(String line) {
            String[] fields = line.split(" ");
            if (fields.length != 6 || !fields[0].equals("A") || !fields[5].equals("$")) {
                return null; // cut short by the kill
            }
            return new Ack(
                    fields[1], Long.parseLong(fields[2]), Long.parseLong(fields[3]), Integer.parseInt(fields[4]));
        }
    }

    /** What the verifier has checked so far, per lane, across kills. */
    private final Map<String, Long> lastSeqByLane = new HashMap<>();

    private long highestSeqSeen = -1;

    @Test
    void everyAcknowledgedRecordSurvivesKillNine() throws Exception {
        Random random = new Random();
        Path spoolDirectory = directory.resolve("spool");
        long acknowledged = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<Ack> acks = runAndKill(spoolDirectory, 1 + random.nextInt(1_500));
            acknowledged += acks.size();
            verify(spoolDirectory, acks);
        }
        assertThat(acknowledged).isGreaterThan(KILLS);
    }

    /** Starts the child, waits for {@code acksBeforeKill} acknowledgements, kills it; returns every ack it printed. */
    private List<Ack> runAndKill(Path spoolDirectory, int acksBeforeKill) throws Exception {
        // Files rather than pipes: the JDK closes a dead child's pipe under its reader, and a file keeps every line.
        Path output = directory.resolve("child.out");
        Path errors = directory.resolve("child.err");
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        CrashingAppender.class.getName(),
                        spoolDirectory.toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .failFast("the child died: " + childErrors(errors), () -> !child.isAlive())
                    .until(() -> acks(output).size() >= acksBeforeKill);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return acks(output);
    }

    private static List<Ack> acks(Path output) throws IOException {
        return Files.readAllLines(output, StandardCharsets.US_ASCII).stream()
                .map(Ack::parse)
                .filter(Objects::nonNull)
                .toList();
    }

    private static String childErrors(Path errors) throws IOException {
        return Files.exists(errors) ? Files.readString(errors) : "";
    }

    private void verify(Path spoolDirectory, List<Ack> acks) throws IOException {
        long highestBefore = highestSeqSeen;
        try (Spool spool = Spool.open(CrashingAppender.config(spoolDirectory), Clock.systemUTC())) {
            for (String lane : CrashingAppender.LANES) {
                Map<Long, Ack> acked = new HashMap<>();
                acks.stream().filter(ack -> ack.lane().equals(lane)).forEach(ack -> acked.put(ack.offset(), ack));
                try (LaneConsumer verifier = spool.lane(lane).consumer("verifier")) {
                    long next = verifier.committed();
                    long lastSeq = lastSeqByLane.getOrDefault(lane, -1L);
                    for (List<SpoolRecord> batch = verifier.poll(500, 8 << 20);
                            !batch.isEmpty();
                            batch = verifier.poll(500, 8 << 20)) {
                        for (SpoolRecord record : batch) {
                            byte[] body = Fixtures.bytes(record.body());
                            assertThat(record.offset()).isEqualTo(next++);
                            assertThat(record.header().seq())
                                    .as("seq at %s offset %d", lane, record.offset())
                                    .isGreaterThan(lastSeq)
                                    .isGreaterThan(highestBefore);
                            assertThat(CrashingAppender.selfCheckHolds(body)).as("body intact").isTrue();
                            lastSeq = record.header().seq();
                            highestSeqSeen = Math.max(highestSeqSeen, lastSeq);
                            Ack ack = acked.remove(record.offset());
                            if (ack != null) {
                                assertThat(record.header().seq()).isEqualTo(ack.seq());
                                assertThat(CrashingAppender.crc(body, 0)).isEqualTo(ack.bodyCrc());
                            }
                        }
                    }
                    assertThat(acked).as("acknowledged records of %s that are missing", lane).isEmpty();
                    lastSeqByLane.put(lane, lastSeq);
                    // Lets the spool delete what was verified, so that the run stays small.
                    verifier.commit(next);
                }
            }
        }
    }
}
