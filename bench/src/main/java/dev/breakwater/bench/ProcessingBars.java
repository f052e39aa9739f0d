package dev.breakwater.bench;

import static dev.breakwater.bench.Bars.perSecond;
import static dev.breakwater.bench.Bars.percent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processing bars of the benchmark issue, judged against one run's results JSON (as {@link ProcessingSummary}
 * assembles it):
 * <ol>
 *   <li>Breakwater's events/s into SQLite at least 50 % of the raw SQLite ceiling, and into PostgreSQL at least 50 %
 *       of the raw COPY ceiling, with every filled event in the store afterwards;</li>
 *   <li>end to end under half the sustainable load, p99 of visible − ack below 0.5 s over at least
 *       {@value #MIN_PROBES} probes, every probe visible;</li>
 *   <li>after a pause, the backlog drained at no less than {@value #DRAIN_RATIO} of the full processing rate, with the
 *       ETA reported a few seconds after resume within ±{@value #ETA_TOLERANCE} of the actual time.</li>
 * </ol>
 * A bar the run could not measure is {@link Verdict#PENDING} with the reason.
 */
final class ProcessingBars {

    static final double THROUGHPUT_RATIO = 0.50;
    static final double VISIBLE_P99_MS = 500;
    static final int MIN_PROBES = 300;
    static final double DRAIN_RATIO = 0.80;
    static final double ETA_TOLERANCE = 0.25;

    private ProcessingBars() {}

    static List<Bar> evaluate(JsonNode results) {
        List<Bar> bars = new ArrayList<>();
        JsonNode processing = results.path("processing");
        bars.add(throughput(processing, "sqlite", "SQLite", "batched INSERT, plain table"));
        bars.add(throughput(processing, "postgresql", "PostgreSQL", "binary COPY, plain table"));
        bars.add(visibility(results.path("server")));
        bars.addAll(catchUp(results.path("server")));
        return bars;
    }

    private static Bar throughput(JsonNode processing, String engine, String label, String ceilingMethod) {
        String name = "Processing events/s into " + label + " vs raw " + label + " ceiling (" + ceilingMethod + ", "
                + processing.path("batchRows").asInt(1000) + " rows per transaction, same rows)";
        String target = "≥ " + percent(THROUGHPUT_RATIO);
        if (!processing.isObject() || !processing.path("available").asBoolean(true)) {
            return Bar.pending(name, target, processing.path("reason").asText("the processing benchmark did not run"));
        }
        JsonNode run = processing.path(engine);
        JsonNode breakwater = run.path("breakwater");
        if (!run.path("raw").path("rowsPerSecond").isNumber() || !breakwater.path("eventsPerSecond").isNumber()) {
            return Bar.pending(name, target, label + " was not measured in this run");
        }
        double measured = breakwater.path("eventsPerSecond").asDouble();
        double ceiling = ceiling(run);
        double ratio = measured / ceiling;
        long expected = breakwater.path("records").asLong();
        long stored = breakwater.path("storedEvents").asLong();
        boolean complete = breakwater.path("complete").asBoolean(false) && !breakwater.path("timedOut").asBoolean(false);
        String text = String.format(Locale.ROOT, "%s (%,d events in %.1f s; %,d of them in the store, %,d quarantined)",
                perSecond(measured), expected, breakwater.path("seconds").asDouble(), stored,
                breakwater.path("quarantined").asLong());
        Verdict verdict = complete && ratio >= THROUGHPUT_RATIO ? Verdict.PASS : Verdict.FAIL;
        String ceilingText = perSecond(ceiling) + " rows";
        if (run.path("rawAfter").path("rowsPerSecond").isNumber()) {
            ceilingText += String.format(Locale.ROOT, " (mean of %s before the pipeline and %s after it)",
                    perSecond(run.path("raw").path("rowsPerSecond").asDouble()),
                    perSecond(run.path("rawAfter").path("rowsPerSecond").asDouble()));
        }
        return new Bar(name, text, ceilingText, percent(ratio), target, verdict);
    }

    /**
     * The ceiling an engine's pipeline is compared with: the raw run just before the pipeline, or, when the same raw
     * run was repeated just after it, the mean of the two, so that the machine's speed drifting while the pipeline
     * ran (by a fifth between runs minutes apart on this VM) weighs on both sides of the ratio alike.
     */
    static double ceiling(JsonNode run) {
        double before = run.path("raw").path("rowsPerSecond").asDouble();
        JsonNode after = run.path("rawAfter").path("rowsPerSecond");
        return after.isNumber() ? (before + after.asDouble()) / 2 : before;
    }

    private static Bar visibility(JsonNode server) {
        String target = "p99 < " + (int) VISIBLE_P99_MS + " ms";
        JsonNode v = server.path("visibility");
        String name = "End to end under half load: visible − ack over " + v.path("probes").asInt(MIN_PROBES)
                + " probes (issue search polled every " + v.path("pollMillis").asInt(20) + " ms)";
        if (!server.path("available").asBoolean(false)) {
            return Bar.pending(name, target, server.path("reason").asText("the server phases did not run"));
        }
        if (!v.isObject()) {
            return Bar.pending(name, target, "the visibility probe produced no result");
        }
        JsonNode latency = v.path("visibleAfterAckMs");
        long probes = v.path("probes").asLong();
        long visible = v.path("visible").asLong();
        long missing = probes - visible;
        String text = String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms; %,d of %,d visible%s; background load %s",
                ms(latency, "p50"), ms(latency, "p99"), ms(latency, "max"), visible,
                probes, missing > 0 ? String.format(Locale.ROOT, " (%,d timed out after %.0f s, %,d failed)",
                        v.path("timedOut").asLong(), v.path("timeoutSeconds").asDouble(), missing - v.path("timedOut").asLong()) : "",
                server.path("load").path("halfRatePerSecond").isNumber()
                        ? perSecond(server.path("load").path("halfRatePerSecond").asDouble()) : "unknown");
        Verdict verdict;
        if (missing > 0) {
            verdict = Verdict.FAIL; // a probe that never showed up has an unbounded latency
        } else if (probes < MIN_PROBES || !latency.path("p99").isNumber()) {
            return new Bar(name, text + "; fewer than " + MIN_PROBES + " probes", "", "", target, Verdict.PENDING);
        } else {
            verdict = latency.path("p99").asDouble() < VISIBLE_P99_MS ? Verdict.PASS : Verdict.FAIL;
        }
        String ratio = latency.path("p99").isNumber() ? percent(latency.path("p99").asDouble() / VISIBLE_P99_MS) : "";
        return new Bar(name, text, (int) VISIBLE_P99_MS + " ms", ratio, target, verdict);
    }

    private static List<Bar> catchUp(JsonNode server) {
        JsonNode c = server.path("catchUp");
        String drainName = "Catch-up after a " + minutes(c.path("pauseSeconds").asDouble())
                + " pause under half load: records processed/s while draining vs the full processing rate";
        String drainTarget = "≥ " + percent(DRAIN_RATIO);
        String etaName = "Catch-up ETA reported " + c.path("etaAfterSeconds").asText("5") + " s after resume vs the actual"
                + " time to drain from then";
        String etaTarget = "within ±" + percent(ETA_TOLERANCE);
        if (!server.path("available").asBoolean(false)) {
            String reason = server.path("reason").asText("the server phases did not run");
            return List.of(Bar.pending(drainName, drainTarget, reason), Bar.pending(etaName, etaTarget, reason));
        }
        if (!c.isObject()) {
            return List.of(Bar.pending(drainName, drainTarget, "the catch-up phase produced no result"),
                    Bar.pending(etaName, etaTarget, "the catch-up phase produced no result"));
        }
        List<Bar> bars = new ArrayList<>();
        boolean drained = c.path("drained").asBoolean(false);
        JsonNode full = server.path("fullProcessingRate");
        String drainText = String.format(Locale.ROOT, "%s out (%s net, %s still coming in); backlog %,d at resume, %s in %.1f s",
                rate(c.path("drainOutPerSecond")), rate(c.path("drainNetPerSecond")), rate(c.path("inPerSecondDuringCatchUp")),
                c.path("backlogAtResume").asLong(), drained ? "drained" : "NOT drained", c.path("catchUpSeconds").asDouble());
        if (!c.path("drainOutPerSecond").isNumber() || !full.path("perSecond").isNumber()) {
            bars.add(new Bar(drainName, drainText, "", "", drainTarget, Verdict.PENDING));
        } else {
            double ratio = c.path("drainOutPerSecond").asDouble() / full.path("perSecond").asDouble();
            bars.add(new Bar(drainName, drainText, perSecond(full.path("perSecond").asDouble()) + " ("
                    + full.path("source").asText() + ")", percent(ratio), drainTarget,
                    drained && ratio >= DRAIN_RATIO ? Verdict.PASS : Verdict.FAIL));
        }

        JsonNode eta = c.path("eta");
        if (!eta.isObject()) {
            bars.add(Bar.pending(etaName, etaTarget, "the backlog drained before the ETA sample"));
        } else if (!eta.path("reportedSeconds").isNumber()) {
            String first = eta.path("firstReportedSeconds").isNumber()
                    ? String.format(Locale.ROOT, "; the first ETA came %.0f s after resume: %.0f s",
                            eta.path("firstReportedAfterResumeSeconds").asDouble(), eta.path("firstReportedSeconds").asDouble())
                    : "; no ETA at all during the catch-up";
            bars.add(new Bar(etaName, "no ETA reported (catchUpEtaSeconds null)" + first,
                    String.format(Locale.ROOT, "%.0f s actual", eta.path("actualSeconds").asDouble()), "", etaTarget, Verdict.FAIL));
        } else if (!drained) {
            bars.add(new Bar(etaName, String.format(Locale.ROOT, "%.0f s reported", eta.path("reportedSeconds").asDouble()),
                    "not drained", "", etaTarget, Verdict.FAIL));
        } else {
            double error = eta.path("error").asDouble();
            bars.add(new Bar(etaName, String.format(Locale.ROOT, "%.0f s reported (backlog %,d)",
                            eta.path("reportedSeconds").asDouble(), eta.path("backlog").asLong()),
                    String.format(Locale.ROOT, "%.0f s actual", eta.path("actualSeconds").asDouble()),
                    String.format(Locale.ROOT, "%+.1f %%", error * 100), etaTarget,
                    Math.abs(error) <= ETA_TOLERANCE ? Verdict.PASS : Verdict.FAIL));
        }
        return bars;
    }

    private static String ms(JsonNode latency, String field) {
        return latency.path(field).isNumber() ? String.format(Locale.ROOT, "%.1f", latency.path(field).asDouble()) : "–";
    }

    private static String rate(JsonNode value) {
        return value.isNumber() ? perSecond(value.asDouble()) : "?";
    }

    private static String minutes(double seconds) {
        return seconds >= 60 && seconds % 60 == 0 ? (long) (seconds / 60) + "-minute" : (long) seconds + "-second";
    }
}
