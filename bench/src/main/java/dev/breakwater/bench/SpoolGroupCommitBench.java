package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.LaneStats;
import dev.breakwater.spool.RecordDraft;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The spool's group commit under T concurrent appenders: T threads each append an S-byte record to the
 * {@code events} lane and wait for its durable outcome, in a loop, for each T in turn, on a fresh spool. With T
 * appenders at most T records can share one fdatasync, and in practice about T/2 do (half wait on the running force
 * while the others queue the next batch), so appends/s compares to {@link FsyncCeiling} at the records per force the
 * spool formed, and also at batch size T; the bar is 90 % of the former. With {@code --raw-json} the raw loop runs
 * right after each spool run, at both sizes, so both see the same disk and machine.
 *
 * <p>Records per force comes from the spool's own count of forces, {@link LaneStats#forces()}. The device's flush count ({@link DeviceFlushes}) is
 * reported beside it as a diagnostic, as the raw loop does.
 * {@code SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s] [--json FILE]}
 */
public final class SpoolGroupCommitBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s]
                                         [--warmup 1s] [--segment-bytes 64m] [--json FILE] [--raw-json FILE]
              --raw-json  after each appender count, also run the raw fdatasync loop (FsyncCeiling) at the spool's
                          records per force and at B = appenders, and write those results to FILE""";

    private SpoolGroupCommitBench() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        Path jsonOut = null;
        ObjectNode report = JSON.createObjectNode();
        try {
            Args args = Args.parse(argv, Set.of("dir", "record-bytes", "threads", "seconds", "warmup", "segment-bytes", "json",
                    "raw-json"));
            Path dir = Path.of(args.required("dir"));
            int recordBytes = (int) Math.min(Integer.MAX_VALUE, args.size("record-bytes", 2048));
            List<Integer> threads = args.intList("threads", List.of(1, 4, 16, 64, 256));
            Duration seconds = args.duration("seconds", Duration.ofSeconds(5));
            Duration warmup = args.duration("warmup", Duration.ofSeconds(1));
            long segmentBytes = args.size("segment-bytes", 64L << 20);
            jsonOut = args.has("json") ? Path.of(args.required("json")) : null;
            Path rawOut = args.has("raw-json") ? Path.of(args.required("raw-json")) : null;
            Files.createDirectories(dir);
            ObjectNode raw = FsyncCeiling.report(dir, recordBytes, segmentBytes);
            Map<Integer, ObjectNode> rawByBatch = new TreeMap<>();
            report.put("directory", dir.toAbsolutePath().toString());
            report.put("fileSystem", Files.getFileStore(dir).type());
            report.put("recordBytes", recordBytes);
            report.put("segmentBytes", segmentBytes);
            report.put("forceCounter", "LaneStats.forces()");
            ArrayNode results = report.putArray("results");
            for (int t : threads) {
                ObjectNode result = measure(dir.resolve("spool-" + t), t, recordBytes, segmentBytes, warmup, seconds);
                results.add(result);
                System.out.printf("spool group commit: %4d appenders x %d B: %10.1f appends/s%s  ack p50 %.3f ms p99 %.3f ms%n",
                        t, recordBytes, result.get("appendsPerSecond").asDouble(),
                        result.has("recordsPerForce") ? String.format(" %6.1f records/force", result.get("recordsPerForce").asDouble()) : "",
                        result.get("ackLatencyMs").path("p50").asDouble(), result.get("ackLatencyMs").path("p99").asDouble());
                if (rawOut != null) {
                    // right after the spool run, so both see the same disk and the same neighbours on the machine
                    int same = Bars.sameBatch(result);
                    for (int batch : new TreeSet<>(List.of(same, t))) {
                        ObjectNode rawResult = FsyncCeiling.measure(dir.resolve("raw"), batch, recordBytes, segmentBytes, warmup, seconds);
                        FsyncCeiling.print(rawResult, recordBytes);
                        rawByBatch.put(batch, rawResult);
                        if (batch == same) {
                            result.set("rawSameBatch", rawResult);
                        }
                        if (batch == t) {
                            result.set("rawAtAppenders", rawResult);
                        }
                    }
                    raw.putArray("results").addAll(rawByBatch.values());
                    Files.writeString(rawOut, raw.toPrettyString());
                }
            }
            report.put("available", true);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (UnsupportedOperationException | LinkageError e) {
            // the spool module may still be a skeleton: say so in the report rather than failing the whole run
            report.put("available", false);
            report.put("reason", "spool API not usable: " + e);
            System.err.println("spool group commit: not measured: " + e);
        }
        if (jsonOut != null) {
            Files.writeString(jsonOut, report.toPrettyString());
        }
    }

    static ObjectNode measure(Path dir, int appenders, int recordBytes, long segmentBytes, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        deleteRecursively(dir);
        long quota = 32L << 30;
        // room for every appender's record plus slack: refusing as Busy would measure admission, not group commit
        long maxPendingBytes = Math.max(64L << 20, (long) appenders * recordBytes * 4);
        SpoolConfig config = new SpoolConfig(dir, "bench", segmentBytes, Map.of("events", quota), maxPendingBytes);
        DeviceFlushes flushes = DeviceFlushes.of(dir.getParent());
        LongAdder appended = new LongAdder();
        LongAdder refused = new LongAdder();
        Histogram ackMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        ObjectNode result = JSON.createObjectNode();
        try (Spool spool = Spool.open(config, Clock.systemUTC())) {
            Lane lane = spool.lane("events");
            long warmupEnd = System.nanoTime() + warmup.toNanos();
            long end = warmupEnd + duration.toNanos();
            long forcesBefore;
            long forcesAtEnd;
            OptionalLong deviceBefore;
            OptionalLong deviceAtEnd;
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < appenders; t++) {
                    byte[] body = new byte[recordBytes];
                    new SplittableRandom(t).nextBytes(body);
                    threads.execute(() -> {
                        for (long start = System.nanoTime(); start - end < 0; start = System.nanoTime()) {
                            AppendOutcome outcome = lane.append(new RecordDraft("1", "bench", "application/octet-stream",
                                    "identity", ByteBuffer.wrap(body))).join();
                            long done = System.nanoTime();
                            // an append counts when its ack lands inside the measured window
                            if (done - warmupEnd < 0 || done - end >= 0) {
                                continue;
                            }
                            if (outcome instanceof AppendOutcome.Appended) {
                                appended.increment();
                                ackMicros.recordValue(Math.min(ackMicros.getHighestTrackableValue(), (done - start) / 1000));
                            } else {
                                refused.increment();
                            }
                        }
                    });
                }
                Schedule.awaitUntil(warmupEnd);
                forcesBefore = forces(lane);
                deviceBefore = flushes.read();
                Schedule.awaitUntil(end);
                forcesAtEnd = forces(lane);
                deviceAtEnd = flushes.read();
            }
            double seconds = duration.toNanos() / 1e9;
            long appends = appended.sum();
            LaneStats stats = lane.stats();
            result.put("appenders", appenders);
            result.put("seconds", LatencyRecorder.round(seconds, 3));
            result.put("appends", appends);
            result.put("appendsPerSecond", LatencyRecorder.round(appends / seconds, 1));
            result.put("refused", refused.sum());
            result.set("ackLatencyMs", LatencyRecorder.percentilesJson(ackMicros));
            result.put("laneAppendedRecords", stats.appendedRecords());
            long forces = forcesAtEnd - forcesBefore;
            result.put("forces", forces);
            result.put("forcesPerSecond", LatencyRecorder.round(forces / seconds, 1));
            if (forces > 0) {
                result.put("recordsPerForce", LatencyRecorder.round((double) appends / forces, 2));
            }
            if (deviceBefore.isPresent() && deviceAtEnd.isPresent()) {
                result.put("deviceFlushes", deviceAtEnd.getAsLong() - deviceBefore.getAsLong());
                result.put("device", flushes.device());
            }
        } finally {
            deleteRecursively(dir);
        }
        return result;
    }

    private static long forces(Lane lane) {
        return lane.stats().forces();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
