package dev.breakwater.spool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * The child process of {@link KillNineTest}: opens the spool in {@code args[0]} and appends from several threads as
 * fast as it can until it is killed, printing one line per acknowledged append, flushed before the next append:
 *
 * <pre>
 * A &lt;lane&gt; &lt;offset&gt; &lt;seq&gt; &lt;crc32c of the body&gt; $
 * </pre>
 *
 * The trailing {@code $} tells a complete line from one cut short by the kill. Every body starts with the CRC32C of
 * the rest of it, so that any record read back can be checked, acknowledged or not.
 */
final class CrashingAppender {

    static final List<String> LANES = List.of("events", "metrics");
    private static final int THREADS = 6;

    private CrashingAppender() {}

    static SpoolConfig config(Path directory) {
        Map<String, Long> quotas = Map.of("events", 1L << 32, "metrics", 1L << 32);
        return new SpoolConfig(directory, "crash-node", SpoolConfig.MIN_SEGMENT_BYTES, quotas, 8 << 20);
    }

    /** A body whose first four bytes are the CRC32C of the rest. */
    static byte[] selfCheckedBody(Random random) {
        int size = random.nextInt(100) == 0 ? 70_000 + random.nextInt(30_000) : 4 + random.nextInt(3_000);
        byte[] body = new byte[size];
        random.nextBytes(body);
        ByteBuffer.wrap(body).putInt(0, crc(body, 4));
        return body;
    }

    static boolean selfCheckHolds(byte[] body) {
        return body.length >= 4 && ByteBuffer.wrap(body).getInt(0) == crc(body, 4);
    }

    static int crc(byte[] bytes, int from) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, bytes.length - from);
        return (int) crc.getValue();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        Spool spool = Spool.open(config(Path.of(args[0])), Clock.systemUTC());
        for (int t = 0; t < THREADS; t++) {
            Thread.ofPlatform().start(() -> {
                Random random = new Random(ThreadLocalRandom.current().nextLong());
                while (true) {
                    String lane = LANES.get(random.nextInt(LANES.size()));
                    byte[] body = selfCheckedBody(random);
                    AppendOutcome outcome = spool.lane(lane).append(Fixtures.draft(body)).join();
                    if (outcome instanceof AppendOutcome.Appended appended) {
                        String line = String.format(
                                "A %s %d %d %d $%n", lane, appended.offset(), appended.seq(), crc(body, 0));
                        synchronized (out) {
                            out.print(line);
                            out.flush();
                        }
                    } else if (!(outcome instanceof AppendOutcome.Busy)) {
                        System.err.println("unexpected outcome " + outcome);
                        System.exit(2);
                    }
                }
            });
        }
    }
}
