package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
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
 * spool formed, and also at batch size T; the bar is 90 % of the former.
 *
 * <p>With {@code --raw-json} the spool and the raw loop take turns: the measured time is cut into slices (500 ms),
 * and every spool slice is followed by a raw slice at the records per force that spool slice formed. This VM's disk
 * and CPU speed drift by a fifth over a few seconds (a raw loop at batch 3 did 11.5k–17k appends/s in consecutive
 * half seconds), so two windows of seconds one after the other compared the machine's moments as much as the two
 * loops; in turns, both see the same minutes. The ratio is that of their totals; each pair's is in the JSON. The raw
 * loop at B = T runs after, for context.
 *
 * <p>Records per force comes from the spool's own count of forces, {@link LaneStats#forces()}. The device's flush count ({@link DeviceFlushes}) is
 * reported beside it as a diagnostic, as the raw loop does.
 * {@code SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s] [--slice 500ms]
 * [--json FILE] [--raw-json FILE]}
 */
public final class SpoolGroupCommitBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s]
                                         [--warmup 1s] [--slice 500ms] [--segment-bytes 64m] [--json FILE]
                                         [--raw-json FILE]
              --raw-json  take turns with the raw fdatasync loop (FsyncCeiling) in slices, each raw slice at the
                          records per force of the spool slice before it; after each appender count also run the raw
                          loop at B = appenders; write those raw results to FILE""";

    private SpoolGroupCommitBench() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        Path jsonOut = null;
        ObjectNode report = JSON.createObjectNode();
        try {
            Args args = Args.parse(argv, Set.of("dir", "record-bytes", "threads", "seconds", "warmup", "slice", "segment-bytes",
                    "json", "raw-json"));
            Path dir = Path.of(args.required("dir"));
            int recordBytes = (int) Math.min(Integer.MAX_VALUE, args.size("record-bytes", 2048));
            List<Integer> threads = args.intList("threads", List.of(1, 4, 16, 64, 256));
            Duration seconds = args.duration("seconds", Duration.ofSeconds(5));
            Duration warmup = args.duration("warmup", Duration.ofSeconds(1));
            Duration slice = args.duration("slice", Duration.ofMillis(500));
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
            report.put("sliceSeconds", LatencyRecorder.round(slice.toNanos() / 1e9, 3));
            try (FsyncCeiling.Loop loop = rawOut == null ? null : new FsyncCeiling.Loop(dir.resolve("raw"), recordBytes, segmentBytes)) {
                for (int t : threads) {
                    ObjectNode result = measure(dir.resolve("spool-" + t), t, recordBytes, segmentBytes, warmup, seconds,
                            rawOut == null ? seconds : slice, loop);
                    results.add(result);
                    System.out.printf("spool group commit: %4d appenders x %d B: %10.1f appends/s%s  ack p50 %.3f ms p99 %.3f ms%n",
                            t, recordBytes, result.get("appendsPerSecond").asDouble(),
                            result.has("recordsPerForce") ? String.format(" %6.1f records/force", result.get("recordsPerForce").asDouble()) : "",
                            result.get("ackLatencyMs").path("p50").asDouble(), result.get("ackLatencyMs").path("p99").asDouble());
                    if (loop != null) {
                        JsonNode same = result.get("rawSameBatch");
                        System.out.printf("  raw fdatasync in turns with it, batches %s: %10.1f appends/s, spool / raw %.1f %%%n",
                                same.get("batches"), same.get("appendsPerSecond").asDouble(),
                                100 * result.get("appendsPerSecond").asDouble() / same.get("appendsPerSecond").asDouble());
                        // for context, not for the bar: the raw loop at B = T, the most records a force could hold
                        ObjectNode atT = FsyncCeiling.measure(dir.resolve("raw-" + t), t, recordBytes, segmentBytes, warmup, seconds);
                        FsyncCeiling.print(atT, recordBytes);
                        result.set("rawAtAppenders", atT);
                        rawByBatch.put(t, atT);
                        raw.putArray("results").addAll(rawByBatch.values());
                        Files.writeString(rawOut, raw.toPrettyString());
                    }
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
        return measure(dir, appenders, recordBytes, segmentBytes, warmup, duration, duration, null);
    }

    /**
     * T appenders on a fresh spool for {@code duration} in all, cut into slices of {@code slice}. With a raw loop,
     * every spool slice is followed by a raw slice as long at the records per force that spool slice formed, so the
     * two take turns on the disk and the machine, and the ratio of their totals compares them over the same minutes.
     */
    static ObjectNode measure(Path dir, int appenders, int recordBytes, long segmentBytes, Duration warmup, Duration duration,
            Duration slice, FsyncCeiling.Loop raw) throws IOException, InterruptedException {
        deleteRecursively(dir);
        long quota = 32L << 30;
        // room for every appender's record plus slack: refusing as Busy would measure admission, not group commit
        long maxPendingBytes = Math.max(64L << 20, (long) appenders * recordBytes * 4);
        SpoolConfig config = new SpoolConfig(dir, "bench", segmentBytes, Map.of("events", quota), maxPendingBytes);
        DeviceFlushes flushes = DeviceFlushes.of(dir.getParent());
        Histogram ackMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        Histogram rawForceMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        List<byte[]> bodies = new ArrayList<>();
        for (int t = 0; t < appenders; t++) {
            byte[] body = new byte[recordBytes];
            new SplittableRandom(t).nextBytes(body);
            bodies.add(body);
        }
        int slices = (int) Math.max(1, duration.toNanos() / Math.max(1, slice.toNanos()));
        ObjectNode result = JSON.createObjectNode();
        ArrayNode pairs = JSON.createArrayNode();
        SpoolSlice total = SpoolSlice.NONE;
        long rawAppends = 0;
        long rawForces = 0;
        double rawSeconds = 0;
        Set<Integer> rawBatches = new TreeSet<>();
        try (Spool spool = Spool.open(config, Clock.systemUTC())) {
            Lane lane = spool.lane("events");
            SpoolSlice warm = slice(lane, bodies, warmup, null, flushes);
            if (raw != null && !warmup.isZero()) {
                raw.run(warm.batch(), warmup, null);
            }
            for (int i = 0; i < slices; i++) {
                SpoolSlice measured = slice(lane, bodies, slice, ackMicros, flushes);
                total = total.plus(measured);
                if (raw != null) {
                    FsyncCeiling.Loop.Slice rawSlice = raw.run(measured.batch(), slice, rawForceMicros);
                    rawAppends += rawSlice.appends();
                    rawForces += rawSlice.forces();
                    rawSeconds += rawSlice.seconds();
                    rawBatches.add(rawSlice.batch());
                    ObjectNode pair = pairs.addObject();
                    pair.put("appendsPerSecond", LatencyRecorder.round(measured.appends() / measured.seconds(), 1));
                    pair.put("recordsPerForce", LatencyRecorder.round(measured.recordsPerForce(), 2));
                    pair.put("rawBatch", rawSlice.batch());
                    pair.put("rawAppendsPerSecond", LatencyRecorder.round(rawSlice.appends() / rawSlice.seconds(), 1));
                    pair.put("ratio", LatencyRecorder.round(
                            (measured.appends() / measured.seconds()) / (rawSlice.appends() / rawSlice.seconds()), 4));
                }
            }
            LaneStats stats = lane.stats();
            result.put("laneAppendedRecords", stats.appendedRecords());
        } finally {
            deleteRecursively(dir);
        }
        result.put("appenders", appenders);
        result.put("seconds", LatencyRecorder.round(total.seconds(), 3));
        result.put("slices", slices);
        result.put("appends", total.appends());
        result.put("appendsPerSecond", LatencyRecorder.round(total.appends() / total.seconds(), 1));
        result.put("refused", total.refused());
        result.set("ackLatencyMs", LatencyRecorder.percentilesJson(ackMicros));
        result.put("forces", total.forces());
        result.put("forcesPerSecond", LatencyRecorder.round(total.forces() / total.seconds(), 1));
        if (total.forces() > 0) {
            result.put("recordsPerForce", LatencyRecorder.round(total.recordsPerForce(), 2));
        }
        if (total.deviceFlushes() >= 0) {
            result.put("deviceFlushes", total.deviceFlushes());
            result.put("device", flushes.device());
        }
        if (raw != null) {
            ObjectNode same = JSON.createObjectNode();
            same.put("batch", Bars.sameBatch(result));
            rawBatches.forEach(same.putArray("batches")::add);
            same.put("interleaved", true);
            same.put("seconds", LatencyRecorder.round(rawSeconds, 3));
            same.put("appends", rawAppends);
            same.put("forces", rawForces);
            same.put("appendsPerSecond", LatencyRecorder.round(rawAppends / rawSeconds, 1));
            same.put("forcesPerSecond", LatencyRecorder.round(rawForces / rawSeconds, 1));
            same.put("megabytesPerSecond", LatencyRecorder.round(rawAppends * (double) recordBytes / rawSeconds / 1e6, 2));
            same.set("forceLatencyMs", LatencyRecorder.percentilesJson(rawForceMicros));
            result.set("rawSameBatch", same);
            result.set("pairs", pairs);
        }
        return result;
    }

    /** What the appenders did in one slice; device flushes are -1 where the device has no counter. */
    private record SpoolSlice(long appends, long refused, long forces, double seconds, long deviceFlushes) {
        static final SpoolSlice NONE = new SpoolSlice(0, 0, 0, 0, 0);

        double recordsPerForce() {
            return forces == 0 ? 0 : (double) appends / forces;
        }

        /** The raw batch size this slice compares with. */
        int batch() {
            return Bars.sameBatch(recordsPerForce());
        }

        SpoolSlice plus(SpoolSlice other) {
            return new SpoolSlice(appends + other.appends, refused + other.refused, forces + other.forces,
                    seconds + other.seconds,
                    deviceFlushes < 0 || other.deviceFlushes < 0 ? -1 : deviceFlushes + other.deviceFlushes);
        }
    }

    /**
     * One appender thread per body, each appending its body and waiting for the durable outcome in a loop, for
     * {@code duration}; an append counts when its ack lands inside the slice.
     */
    private static SpoolSlice slice(Lane lane, List<byte[]> bodies, Duration duration, Histogram ackMicros,
            DeviceFlushes flushes) {
        LongAdder appended = new LongAdder();
        LongAdder refused = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long forcesBefore = forces(lane);
        OptionalLong deviceBefore = flushes.read();
        long forcesAtEnd;
        OptionalLong deviceAtEnd;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (byte[] body : bodies) {
                threads.execute(() -> {
                    for (long sent = System.nanoTime(); sent - end < 0; sent = System.nanoTime()) {
                        AppendOutcome outcome = lane.append(new RecordDraft("1", "bench", "application/octet-stream",
                                "identity", ByteBuffer.wrap(body))).join();
                        long done = System.nanoTime();
                        if (done - end >= 0) {
                            continue;
                        }
                        if (outcome instanceof AppendOutcome.Appended) {
                            appended.increment();
                            if (ackMicros != null) {
                                ackMicros.recordValue(Math.min(ackMicros.getHighestTrackableValue(), (done - sent) / 1000));
                            }
                        } else {
                            refused.increment();
                        }
                    }
                });
            }
            Schedule.awaitUntil(end);
            forcesAtEnd = forces(lane);
            deviceAtEnd = flushes.read();
        }
        long device = deviceBefore.isPresent() && deviceAtEnd.isPresent()
                ? deviceAtEnd.getAsLong() - deviceBefore.getAsLong()
                : -1;
        return new SpoolSlice(appended.sum(), refused.sum(), forcesAtEnd - forcesBefore, duration.toNanos() / 1e9, device);
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
