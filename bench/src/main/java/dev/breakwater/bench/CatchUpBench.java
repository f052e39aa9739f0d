package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Catch-up after a pause, with background load running against the server (started by the caller): samples the
 * {@code events} lane every second ({@link LaneSample}) for a lead-in, pauses the lane
 * ({@code POST /api/v1/lanes/events/pause}) for {@code --pause}, resumes it, and samples until the backlog is back
 * to what it was before the pause (the largest backlog seen in the lead-in, at least one pipeline batch).
 *
 * <p>Reports the backlog at resume; the drain rate during catch-up, gross (records processed per second, from the
 * {@code /metrics} counter) and net (backlog shrinking per second); the catch-up ETA the server reported
 * {@code --eta-after} after resume against the time the drain actually took from that moment; and every sample.
 */
public final class CatchUpBench {

    /** The backlog counts as drained at or below the lead-in's largest backlog, and never needs to go below this. */
    static final long DRAINED_FLOOR = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: CatchUpBench --base http://127.0.0.1:PORT --token ADMIN_TOKEN [--pause 10m] [--lead 15s]
                                [--eta-after 5s] [--drain-timeout 30m] [--json FILE]""";

    private CatchUpBench() {}

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv, Set.of("base", "token", "pause", "lead", "eta-after", "drain-timeout", "json"));
            args.required("base");
            args.required("token");
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ObjectNode report = run(new ServerApi(args.required("base"), args.required("token")),
                args.duration("lead", Duration.ofSeconds(15)), args.duration("pause", Duration.ofMinutes(10)),
                args.duration("eta-after", Duration.ofSeconds(5)), args.duration("drain-timeout", Duration.ofMinutes(30)));
        System.out.println(summary(report));
        if (args.has("json")) {
            Files.writeString(Path.of(args.required("json")), report.toPrettyString() + "\n");
        }
    }

    static ObjectNode run(ServerApi api, Duration lead, Duration pause, Duration etaAfter, Duration drainTimeout)
            throws Exception {
        ObjectNode json = JSON.createObjectNode();
        ArrayNode samples = JSON.createArrayNode();
        long origin = System.nanoTime();
        json.put("leadSeconds", lead.toMillis() / 1000.0);
        json.put("pauseSeconds", pause.toMillis() / 1000.0);
        json.put("etaAfterSeconds", etaAfter.toMillis() / 1000.0);

        System.err.printf("[catch-up] lead-in %d s under the background load%n", lead.toSeconds());
        LaneSample first = sampleUntil(api, origin, lead.toNanos() / 1e9, samples);
        long baseline = 0;
        for (JsonNode sample : samples) {
            baseline = Math.max(baseline, sample.path("backlog").asLong());
        }
        LaneSample beforePause = LaneSample.take(api, origin);
        samples.add(beforePause.json());
        json.put("baselineMaxBacklog", baseline);
        json.put("processedPerSecondBeforePause", LatencyRecorder.round(beforePause.processedPerSecondSince(first), 1));

        System.err.printf("[catch-up] pausing the events lane for %d s%n", pause.toSeconds());
        api.pause(SpoolFill.LANE);
        double pausedAt = (System.nanoTime() - origin) / 1e9;
        sampleUntil(api, origin, pausedAt + pause.toNanos() / 1e9, samples);
        JsonNode resumed = api.resume(SpoolFill.LANE);
        double resumedAt = (System.nanoTime() - origin) / 1e9;
        LaneSample atResume = LaneSample.take(api, origin);
        samples.add(atResume.json());
        long backlogAtResume = resumed.path("backlogRecords").asLong(atResume.backlog());
        json.put("backlogAtResume", backlogAtResume);
        json.put("pausedSeconds", LatencyRecorder.round(resumedAt - pausedAt, 3));
        long drainedAt = Math.max(baseline, DRAINED_FLOOR);
        json.put("drainedAtBacklog", drainedAt);
        System.err.printf("[catch-up] resumed with a backlog of %,d; waiting until it is at most %,d%n", backlogAtResume,
                drainedAt);

        LaneSample etaSample = null;
        LaneSample firstEta = null;
        LaneSample last = atResume;
        double deadline = resumedAt + drainTimeout.toNanos() / 1e9;
        long nextLog = System.nanoTime() + 10_000_000_000L;
        while (last.backlog() > drainedAt && last.seconds() < deadline) {
            Schedule.awaitUntil(origin + (long) ((Math.floor(last.seconds()) + 1) * 1e9));
            last = LaneSample.take(api, origin);
            samples.add(last.json());
            if (etaSample == null && last.seconds() - resumedAt >= etaAfter.toNanos() / 1e9) {
                etaSample = last;
            }
            if (firstEta == null && !Double.isNaN(last.eta())) {
                firstEta = last;
            }
            if (System.nanoTime() - nextLog >= 0) {
                System.err.printf(Locale.ROOT, "[catch-up] backlog %,d, ETA %s%n", last.backlog(),
                        Double.isNaN(last.eta()) ? "none" : String.format(Locale.ROOT, "%.0f s", last.eta()));
                nextLog += 10_000_000_000L;
            }
        }
        boolean drained = last.backlog() <= drainedAt;
        json.put("drained", drained);
        json.put("backlogAtEnd", last.backlog());
        double catchUp = last.seconds() - resumedAt;
        json.put("catchUpSeconds", LatencyRecorder.round(catchUp, 3));
        double gross = last.processedPerSecondSince(atResume);
        double net = catchUp > 0 ? (backlogAtResume - last.backlog()) / catchUp : Double.NaN;
        putRate(json, "drainOutPerSecond", gross);
        putRate(json, "drainNetPerSecond", net);
        putRate(json, "inPerSecondDuringCatchUp", gross - net);
        if (etaSample != null) {
            ObjectNode eta = json.putObject("eta");
            eta.put("afterResumeSeconds", LatencyRecorder.round(etaSample.seconds() - resumedAt, 3));
            eta.put("backlog", etaSample.backlog());
            double actual = last.seconds() - etaSample.seconds();
            eta.put("actualSeconds", LatencyRecorder.round(actual, 3));
            if (Double.isNaN(etaSample.eta())) {
                eta.putNull("reportedSeconds");
            } else {
                eta.put("reportedSeconds", LatencyRecorder.round(etaSample.eta(), 1));
                if (drained && actual > 0) {
                    eta.put("error", LatencyRecorder.round(etaSample.eta() / actual - 1, 4));
                }
            }
            if (firstEta != null) {
                eta.put("firstReportedAfterResumeSeconds", LatencyRecorder.round(firstEta.seconds() - resumedAt, 3));
                eta.put("firstReportedSeconds", LatencyRecorder.round(firstEta.eta(), 1));
            }
        }
        json.set("samples", samples);
        return json;
    }

    /** Samples once a second (on whole seconds since {@code origin}) until {@code untilSeconds}; returns the first. */
    private static LaneSample sampleUntil(ServerApi api, long origin, double untilSeconds, ArrayNode samples)
            throws Exception {
        LaneSample first = null;
        while (true) {
            LaneSample sample = LaneSample.take(api, origin);
            samples.add(sample.json());
            if (first == null) {
                first = sample;
            }
            double next = Math.floor(sample.seconds()) + 1;
            if (next >= untilSeconds) {
                Schedule.awaitUntil(origin + (long) (untilSeconds * 1e9));
                return first;
            }
            Schedule.awaitUntil(origin + (long) (next * 1e9));
        }
    }

    private static void putRate(ObjectNode json, String field, double value) {
        if (Double.isNaN(value)) {
            json.putNull(field);
        } else {
            json.put(field, LatencyRecorder.round(value, 1));
        }
    }

    static String summary(ObjectNode report) {
        JsonNode eta = report.path("eta");
        return String.format(Locale.ROOT,
                "catch-up: paused %.0f s, backlog at resume %,d, %s in %.1f s; drain %s/s out (%s/s net); ETA %s s"
                        + " reported %s s after resume, actual %s s",
                report.path("pausedSeconds").asDouble(), report.path("backlogAtResume").asLong(),
                report.path("drained").asBoolean() ? "drained" : "NOT drained", report.path("catchUpSeconds").asDouble(),
                report.path("drainOutPerSecond").asText("?"), report.path("drainNetPerSecond").asText("?"),
                eta.path("reportedSeconds").asText("none"), eta.path("afterResumeSeconds").asText("?"),
                eta.path("actualSeconds").asText("?"));
    }
}
