package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Waits until the server's {@code events} backlog is drained, and reports how fast it went: records processed per
 * second (from the {@code /metrics} counter) between the first sample that shows records processed and the last that
 * still shows a backlog ({@link #fullSpeed}). Run right after a flat-out load with nothing else sending, this is the
 * server's own full processing rate: the pipeline busy on a backlog with no ingest beside it. Samples every
 * {@value #SAMPLE_MILLIS} ms.
 *
 * <p>The first and the last interval, which may hold the lane's start-up after resume and idle time after the backlog
 * reached 0, are left out: a drain of a few seconds is what 10 s of flat-out ingest leaves on a slow day, where a
 * quarter of a second is a twentieth of the time, while the catch-up bar compares a drain of minutes with this one.
 * The JSON keeps the rate from the first sample to the drained one too ({@code processedPerSecondWhole}). In practice
 * this tool's own start takes long enough that the lane is already running at its first sample: in the first run
 * with both, 13,418/s against 13,603/s for the whole.
 */
public final class AwaitDrained {

    static final long SAMPLE_MILLIS = 250;
    /** Below this backlog at the start the drain is too short to say anything about the rate. */
    static final long MIN_BACKLOG_FOR_RATE = 5_000;
    /** A window of full-speed draining shorter than this is too short to time. */
    static final double MIN_WINDOW_SECONDS = 1.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE =
            "usage: AwaitDrained --base http://127.0.0.1:PORT --token ADMIN_TOKEN [--timeout 30m] [--json FILE]";

    private AwaitDrained() {}

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv, Set.of("base", "token", "timeout", "json"));
            args.required("base");
            args.required("token");
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ServerApi api = new ServerApi(args.required("base"), args.required("token"));
        Duration timeout = args.duration("timeout", Duration.ofMinutes(30));
        long origin = System.nanoTime();
        LaneSample first = LaneSample.take(api, origin);
        LaneSample last = first;
        List<LaneSample> samples = new ArrayList<>(List.of(first));
        long nextLog = origin + 5_000_000_000L;
        while (last.backlog() > 0 && last.seconds() < timeout.toSeconds()) {
            Schedule.awaitUntil(System.nanoTime() + SAMPLE_MILLIS * 1_000_000);
            last = LaneSample.take(api, origin);
            samples.add(last);
            if (System.nanoTime() - nextLog >= 0) {
                System.err.printf(Locale.ROOT, "[drain] backlog %,d%n", last.backlog());
                nextLog += 5_000_000_000L;
            }
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("drained", last.backlog() == 0);
        json.put("backlogAtStart", first.backlog());
        json.put("backlogAtEnd", last.backlog());
        json.put("seconds", LatencyRecorder.round(last.seconds() - first.seconds(), 3));
        double whole = last.processedPerSecondSince(first);
        json.put("processed", Double.isNaN(whole) ? 0 : (long) (last.processed() - first.processed()));
        Optional<DrainRate> rate = fullSpeed(samples);
        if (!Double.isNaN(whole) && first.backlog() >= MIN_BACKLOG_FOR_RATE && last.backlog() == 0
                && rate.isPresent()) {
            json.put("processedPerSecond", LatencyRecorder.round(rate.get().perSecond(), 1));
            json.put("rateWindowSeconds", LatencyRecorder.round(rate.get().seconds(), 3));
            json.put("processedPerSecondWhole", LatencyRecorder.round(whole, 1));
        } else {
            json.put("reason", first.backlog() < MIN_BACKLOG_FOR_RATE
                    ? "backlog at the start was below " + MIN_BACKLOG_FOR_RATE + " records: too short to time"
                    : Double.isNaN(whole) ? "/metrics has no " + ServerApi.PROCESSED_METRIC
                    : last.backlog() > 0 ? "did not drain in time"
                    : "less than " + MIN_WINDOW_SECONDS + " s of draining at full speed: too short to time");
        }
        System.out.printf(Locale.ROOT, "drain: backlog %,d -> %,d in %.1f s%s%n", first.backlog(), last.backlog(),
                last.seconds() - first.seconds(), json.has("processedPerSecond")
                        ? String.format(Locale.ROOT, ", %,.0f records/s", json.path("processedPerSecond").asDouble()) : "");
        if (args.has("json")) {
            Files.writeString(Path.of(args.required("json")), json.toPrettyString() + "\n");
        }
    }

    /** A drain rate and the seconds it was measured over. */
    record DrainRate(double perSecond, double seconds) {}

    /**
     * Records processed per second from the first sample that shows any processed to the last that still shows a
     * backlog; empty when that window is shorter than {@value #MIN_WINDOW_SECONDS} s or the counter is missing.
     */
    static Optional<DrainRate> fullSpeed(List<LaneSample> samples) {
        if (samples.isEmpty() || Double.isNaN(samples.getFirst().processed())) {
            return Optional.empty();
        }
        double processedAtStart = samples.getFirst().processed();
        LaneSample from = null;
        LaneSample to = null;
        for (LaneSample sample : samples) {
            if (from == null && sample.processed() > processedAtStart) {
                from = sample;
            }
            if (from != null && sample.backlog() > 0) {
                to = sample;
            }
        }
        if (from == null || to == null || to.seconds() - from.seconds() < MIN_WINDOW_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(new DrainRate(to.processedPerSecondSince(from), to.seconds() - from.seconds()));
    }
}
