package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Waits until the server's {@code events} backlog is drained, and reports how fast it went: records processed per
 * second (from the {@code /metrics} counter) from the first sample until the backlog reached 0. Run right after a
 * flat-out load with nothing else sending, this is the server's own full processing rate: the pipeline busy on a
 * backlog with no ingest beside it. Samples every {@value #SAMPLE_MILLIS} ms.
 */
public final class AwaitDrained {

    static final long SAMPLE_MILLIS = 250;
    /** Below this backlog at the start the drain is too short to say anything about the rate. */
    static final long MIN_BACKLOG_FOR_RATE = 5_000;
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
        long nextLog = origin + 5_000_000_000L;
        while (last.backlog() > 0 && last.seconds() < timeout.toSeconds()) {
            Schedule.awaitUntil(System.nanoTime() + SAMPLE_MILLIS * 1_000_000);
            last = LaneSample.take(api, origin);
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
        double rate = last.processedPerSecondSince(first);
        json.put("processed", Double.isNaN(rate) ? 0 : (long) (last.processed() - first.processed()));
        if (!Double.isNaN(rate) && first.backlog() >= MIN_BACKLOG_FOR_RATE && last.backlog() == 0) {
            json.put("processedPerSecond", LatencyRecorder.round(rate, 1));
        } else {
            json.put("reason", first.backlog() < MIN_BACKLOG_FOR_RATE
                    ? "backlog at the start was below " + MIN_BACKLOG_FOR_RATE + " records: too short to time"
                    : Double.isNaN(rate) ? "/metrics has no " + ServerApi.PROCESSED_METRIC : "did not drain in time");
        }
        System.out.printf(Locale.ROOT, "drain: backlog %,d -> %,d in %.1f s%s%n", first.backlog(), last.backlog(),
                last.seconds() - first.seconds(), json.has("processedPerSecond")
                        ? String.format(Locale.ROOT, ", %,.0f records/s", json.path("processedPerSecond").asDouble()) : "");
        if (args.has("json")) {
            Files.writeString(Path.of(args.required("json")), json.toPrettyString() + "\n");
        }
    }
}
