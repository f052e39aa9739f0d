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
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The spool's group commit under T concurrent appenders: T threads each append an S-byte record to the
 * {@code events} lane and wait for its durable outcome, in a loop, for each T in turn, on a fresh spool. With T
 * appenders at most T records can share one fdatasync, so appends/s at T compares to {@link FsyncCeiling} at batch
 * size T; the bar is 90 % of it.
 *
 * <p>Records per force needs the spool's own count of forces: a {@link LaneStats} component named like a force
 * counter ({@code forces}, {@code forceCount}, {@code syncs}, {@code fsyncs}, {@code groupCommits}), or failing that
 * a {@code forces()} method on {@link Lane}, read reflectively if it is not public (the report names the source).
 * Without either the report says so and gives appends/s only. The device's flush count ({@link DeviceFlushes}) is
 * reported beside it as a diagnostic, as the raw loop does.
 * {@code SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s] [--json FILE]}
 */
public final class SpoolGroupCommitBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORCE_COUNTER_NAMES = List.of(
            "forces", "forceCount", "forced", "syncs", "fsyncs", "syncCount", "groupCommits", "commits");
    private static final String USAGE = """
            usage: SpoolGroupCommitBench --dir DIR [--record-bytes 2048] [--threads 1,4,16,64,256] [--seconds 5s]
                                         [--warmup 1s] [--segment-bytes 64m] [--json FILE]""";

    private SpoolGroupCommitBench() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        Path jsonOut = null;
        ObjectNode report = JSON.createObjectNode();
        try {
            Args args = Args.parse(argv, Set.of("dir", "record-bytes", "threads", "seconds", "warmup", "segment-bytes", "json"));
            Path dir = Path.of(args.required("dir"));
            int recordBytes = (int) Math.min(Integer.MAX_VALUE, args.size("record-bytes", 2048));
            List<Integer> threads = args.intList("threads", List.of(1, 4, 16, 64, 256));
            Duration seconds = args.duration("seconds", Duration.ofSeconds(5));
            Duration warmup = args.duration("warmup", Duration.ofSeconds(1));
            long segmentBytes = args.size("segment-bytes", 64L << 20);
            jsonOut = args.has("json") ? Path.of(args.required("json")) : null;
            Files.createDirectories(dir);
            report.put("directory", dir.toAbsolutePath().toString());
            report.put("fileSystem", Files.getFileStore(dir).type());
            report.put("recordBytes", recordBytes);
            report.put("segmentBytes", segmentBytes);
            Optional<ForceCounter> counter = forceCounter();
            report.put("forceCounter", counter.map(ForceCounter::source).orElse("none: the spool exposes no force counter; records per force not measured"));
            ArrayNode results = report.putArray("results");
            for (int t : threads) {
                ObjectNode result = measure(dir.resolve("spool-" + t), t, recordBytes, segmentBytes, warmup, seconds);
                results.add(result);
                System.out.printf("spool group commit: %4d appenders x %d B: %10.1f appends/s%s  ack p50 %.3f ms p99 %.3f ms%n",
                        t, recordBytes, result.get("appendsPerSecond").asDouble(),
                        result.has("recordsPerForce") ? String.format(" %6.1f records/force", result.get("recordsPerForce").asDouble()) : "",
                        result.get("ackLatencyMs").path("p50").asDouble(), result.get("ackLatencyMs").path("p99").asDouble());
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
            if (forcesBefore >= 0 && forcesAtEnd >= 0) {
                long forces = forcesAtEnd - forcesBefore;
                result.put("forces", forces);
                result.put("forcesPerSecond", LatencyRecorder.round(forces / seconds, 1));
                if (forces > 0) {
                    result.put("recordsPerForce", LatencyRecorder.round((double) appends / forces, 2));
                }
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

    /**
     * How this spool's forces can be counted: a {@link LaneStats} component named like a force counter, else a
     * {@code forces()} method on {@link Lane} (read reflectively when it is not public), else none.
     */
    static Optional<ForceCounter> forceCounter() {
        Optional<RecordComponent> component = Stream.of(LaneStats.class.getRecordComponents())
                .filter(c -> c.getType() == long.class || c.getType() == int.class)
                .filter(c -> FORCE_COUNTER_NAMES.contains(c.getName()))
                .findFirst();
        if (component.isPresent()) {
            Method accessor = component.get().getAccessor();
            return Optional.of(new ForceCounter("LaneStats." + accessor.getName() + "()", lane -> invoke(accessor, lane.stats())));
        }
        try {
            Method method = Lane.class.getDeclaredMethod("forces");
            if (method.getReturnType() != long.class && method.getReturnType() != int.class) {
                return Optional.empty();
            }
            method.setAccessible(true);
            String visibility = Modifier.isPublic(method.getModifiers()) ? "" : " (not public: read by reflection)";
            return Optional.of(new ForceCounter("Lane.forces()" + visibility, lane -> invoke(method, lane)));
        } catch (NoSuchMethodException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where the force count comes from, and how to read it off a lane. */
    record ForceCounter(String source, ToLongFunction<Lane> read) {}

    private static long forces(Lane lane) {
        return forceCounter().map(counter -> counter.read().applyAsLong(lane)).orElse(-1L);
    }

    private static long invoke(Method method, Object target) {
        try {
            return ((Number) method.invoke(target)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the force counter " + method, e);
        }
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
