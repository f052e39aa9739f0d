package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bars of the benchmark issue, judged against one run's results JSON (as {@link RunSummary} assembles it):
 * <ol>
 *   <li>durable-ack requests/s at least 60 % of nginx's, same bodies and concurrency, same run;</li>
 *   <li>spool group-commit appends/s at least 90 % of the raw fdatasync loop at the same batch size — the records
 *       per force the spool formed, when it counts its forces ({@link #sameBatch});</li>
 *   <li>at 3× the sustainable rate: RSS at most 512 MB, every excess request refused with 429 + Retry-After (and the
 *       excess actually offered, see {@link #MAX_MISSED}; not judged when the same load could not be offered to
 *       nginx refusing every request at once either), and no acknowledged request missing from the spool
 *       afterwards.</li>
 * </ol>
 * A bar the run could not measure is {@link Verdict#PENDING} with the reason, never a guess.
 */
final class Bars {

    static final double HTTP_RATIO = 0.60;
    static final double SPOOL_RATIO = 0.90;
    /** Up to this share of the due overload requests may go unsent before the phase no longer counts as 3×. */
    static final double MAX_MISSED = 0.05;
    /** Connections in flight on average, as a share of all, from which the server rather than the client limited the rate. */
    static final double SATURATED = 0.8;

    private Bars() {}

    static List<Bar> evaluate(JsonNode results) {
        List<Bar> bars = new ArrayList<>();
        bars.add(http(results));
        bars.addAll(groupCommit(results));
        bars.addAll(overload(results));
        return bars;
    }

    private static Bar http(JsonNode results) {
        JsonNode params = results.path("params");
        String name = "Durable-ack req/s vs nginx (wrk, " + params.path("connections").asInt(64) + " connections, same "
                + results.path("corpus").path("gzipBytes").path("mean").asInt() + " B mean gzip'd bodies)";
        String target = "≥ " + percent(HTTP_RATIO);
        JsonNode ceiling = results.path("httpCeiling").path("okPerSecond");
        if (!ceiling.isNumber()) {
            return Bar.pending(name, target, "nginx phase did not run");
        }
        JsonNode breakwater = results.path("breakwater");
        if (!breakwater.path("available").asBoolean(false)) {
            return Bar.pending(name, target, breakwater.path("reason").asText("Breakwater phase did not run"));
        }
        JsonNode measured = breakwater.path("wrk").path("okPerSecond");
        if (!measured.isNumber()) {
            return Bar.pending(name, target, "wrk against Breakwater produced no result");
        }
        double ratio = measured.asDouble() / ceiling.asDouble();
        return new Bar(name, perSecond(measured.asDouble()), perSecond(ceiling.asDouble()) + " (nginx)", percent(ratio),
                target, ratio >= HTTP_RATIO ? Verdict.PASS : Verdict.FAIL);
    }

    private static List<Bar> groupCommit(JsonNode results) {
        String target = "≥ " + percent(SPOOL_RATIO);
        JsonNode spool = results.path("spoolGroupCommit");
        JsonNode fsync = results.path("fsyncCeiling").path("results");
        if (!spool.path("available").asBoolean(false)) {
            return List.of(Bar.pending("Spool group commit vs raw fdatasync", target,
                    spool.path("reason").asText("spool benchmark did not run")));
        }
        List<Bar> bars = new ArrayList<>();
        for (JsonNode result : spool.path("results")) {
            int appenders = result.path("appenders").asInt();
            int batch = sameBatch(result);
            String name = "Spool group commit, " + appenders + " appender" + (appenders == 1 ? "" : "s")
                    + (result.has("recordsPerForce")
                            ? String.format(Locale.ROOT, " (%.1f records/force)", result.path("recordsPerForce").asDouble())
                            : "")
                    + (result.path("rawSameBatch").path("interleaved").asBoolean(false)
                            ? " vs raw fdatasync in turns with it at batch " + sameBatchLabel(result)
                            : " vs raw fdatasync at batch " + batch)
                    + " (" + spool.path("recordBytes").asInt() + " B records)";
            JsonNode raw = result.has("rawSameBatch") ? result.get("rawSameBatch") : rawAt(fsync, batch);
            if (raw == null) {
                bars.add(Bar.pending(name, target, "no raw fdatasync run at batch size " + batch));
                continue;
            }
            double measured = result.path("appendsPerSecond").asDouble();
            double ceiling = raw.path("appendsPerSecond").asDouble();
            double ratio = ceiling > 0 ? measured / ceiling : 0;
            bars.add(new Bar(name, perSecond(measured) + " appends", perSecond(ceiling) + " appends", percent(ratio), target,
                    ratio >= SPOOL_RATIO ? Verdict.PASS : Verdict.FAIL));
        }
        if (bars.isEmpty()) {
            bars.add(Bar.pending("Spool group commit vs raw fdatasync", target, "no results"));
        }
        return bars;
    }

    /**
     * The raw batch size a spool run compares with: the records per force it actually formed, rounded, when the spool
     * counts its forces; otherwise its appender count, the most records a force could hold.
     */
    static int sameBatch(JsonNode spoolResult) {
        if (spoolResult.path("recordsPerForce").isNumber()) {
            return sameBatch(spoolResult.path("recordsPerForce").asDouble());
        }
        return spoolResult.path("appenders").asInt();
    }

    /** Records per force rounded to a raw batch size, at least 1. */
    static int sameBatch(double recordsPerForce) {
        return (int) Math.max(1, Math.round(recordsPerForce));
    }

    /**
     * The raw batch sizes a spool run was compared with: one, or the range its slices formed when the two took turns
     * (each raw slice at the records per force of the spool slice before it).
     */
    static String sameBatchLabel(JsonNode spoolResult) {
        JsonNode batches = spoolResult.path("rawSameBatch").path("batches");
        if (batches.size() > 1) {
            return batches.get(0).asInt() + "–" + batches.get(batches.size() - 1).asInt();
        }
        return Integer.toString(batches.size() == 1 ? batches.get(0).asInt() : sameBatch(spoolResult));
    }

    static JsonNode rawAt(JsonNode fsyncResults, int batch) {
        for (JsonNode candidate : fsyncResults) {
            if (candidate.path("batch").asInt() == batch) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Bar> overload(JsonNode results) {
        JsonNode params = results.path("params");
        double factor = params.path("overloadFactor").asDouble(3);
        double rssLimit = params.path("rssLimitMb").asDouble(512);
        String prefix = String.format(Locale.ROOT, "Overload %s× sustainable for %s s: ", trim(factor),
                trim(params.path("overloadSeconds").asDouble(60)));
        String rssName = prefix + "peak server RSS (VmRSS, sampled every second)";
        String refusalName = prefix + "every excess request refused with 429 + Retry-After";
        String lossName = "Acknowledged requests not appended to the events lane (its next offset after stop, whole Breakwater run)";
        String rssTarget = "≤ " + trim(rssLimit) + " MB";
        JsonNode breakwater = results.path("breakwater");
        JsonNode overload = breakwater.path("overload");
        if (!breakwater.path("available").asBoolean(false) || !overload.isObject()) {
            String reason = breakwater.path("available").asBoolean(false)
                    ? breakwater.path("overloadReason").asText("overload phase did not run")
                    : breakwater.path("reason").asText("Breakwater phase did not run");
            return List.of(Bar.pending(rssName, rssTarget, reason), Bar.pending(refusalName, "all", reason),
                    Bar.pending(lossName, "0", reason));
        }
        List<Bar> bars = new ArrayList<>();
        JsonNode rss = breakwater.path("rss");
        if (rss.path("maxRssMb").isNumber()) {
            double peak = rss.path("maxRssMb").asDouble();
            bars.add(new Bar(rssName, String.format(Locale.ROOT, "%.0f MB (VmHWM %.0f MB)", peak, rss.path("hwmMb").asDouble()),
                    trim(rssLimit) + " MB", percent(peak / rssLimit), rssTarget, peak <= rssLimit ? Verdict.PASS : Verdict.FAIL));
        } else {
            bars.add(Bar.pending(rssName, rssTarget, "no RSS samples"));
        }

        JsonNode m = overload.path("measured");
        double sustainable = breakwater.path("load").path("measured").path("acceptedPerSecond").asDouble();
        long sent = m.path("sent").asLong();
        long accepted = m.path("accepted").asLong();
        long with = m.path("refused429WithRetryAfter").asLong();
        long without = m.path("refused429").asLong() - with;
        long r503 = m.path("refused503").asLong();
        long other = sum(m.path("otherStatus"));
        long errors = sum(m.path("errors"));
        long bad = without + r503 + other + errors;
        String measured = String.format(Locale.ROOT,
                "offered %s (target %s), accepted %s%s; refused %,d with 429 + Retry-After; %,d 429 without it, %,d 503, %,d other, %,d errors%s",
                perSecond(m.path("offeredPerSecond").asDouble()), perSecond(overload.path("ratePerSecond").asDouble()),
                perSecond(m.path("acceptedPerSecond").asDouble()),
                sustainable > 0 ? " (flat out before: " + perSecond(sustainable) + ")" : "", with, without, r503, other, errors,
                m.path("missed").asLong() > 0 ? String.format(Locale.ROOT, "; %,d due but never sent (all connections busy)", m.path("missed").asLong()) : "");
        // the bar needs the excess to have been offered. Requests due but never sent mean every connection was busy:
        // either waiting on the server, which then held the excess instead of refusing it, or the client ran out of
        // CPU. Little's law tells them apart: connections in flight on average = sent/s x mean service latency.
        long due = sent + m.path("missed").asLong();
        double missedFraction = due > 0 ? (double) m.path("missed").asLong() / due : 0;
        JsonNode service = overload.path("serviceLatencyMs");
        double inFlight = m.path("sentPerSecond").asDouble() * service.path("mean").asDouble() / 1000;
        int connections = overload.path("connections").asInt();
        // the control: the same load against nginx refusing everything at once (phase d2). If even that could not be
        // offered, the connections were busy because the machine's 2 cores were, not because this server held them
        JsonNode control = results.path("refusalControl");
        JsonNode c = control.path("measured");
        long controlDue = c.path("sent").asLong() + c.path("missed").asLong();
        boolean controlRan = control.isObject() && controlDue > 0;
        double controlMissed = controlRan ? (double) c.path("missed").asLong() / controlDue : 0;
        Verdict verdict;
        if (bad > 0) {
            verdict = Verdict.FAIL;
        } else if (missedFraction <= MAX_MISSED) {
            verdict = Verdict.PASS;
        } else if (controlRan && controlMissed > MAX_MISSED) {
            verdict = Verdict.PENDING;
            measured += String.format(Locale.ROOT,
                    "; not judged: this machine could not offer the rate even to nginx refusing every request at once"
                            + " (same load: it sent %s, %s of the due requests never sent, service latency mean %.1f ms)",
                    perSecond(c.path("sentPerSecond").asDouble()), percent(controlMissed),
                    control.path("serviceLatencyMs").path("mean").asDouble());
        } else if (connections > 0 && inFlight >= SATURATED * connections) {
            verdict = Verdict.FAIL;
            measured += String.format(Locale.ROOT,
                    "; %s× was not reached because the server was slow to answer: %.0f of %d connections waiting on it on average"
                            + " (service latency, refusals included, p50 %.1f ms, p99 %.1f ms)%s",
                    trim(factor), inFlight, connections, service.path("p50").asDouble(), service.path("p99").asDouble(),
                    controlRan ? String.format(Locale.ROOT, "; nginx refusing at once was offered %s of it",
                            perSecond(c.path("sentPerSecond").asDouble())) : "");
        } else {
            verdict = Verdict.PENDING;
            measured += String.format(Locale.ROOT,
                    "; not judged: the load generator could not offer the rate with only %.0f of %d connections waiting on the server",
                    inFlight, connections);
        }
        String share = sent - accepted > 0 ? percent((double) with / (sent - accepted)) + " of refusals"
                : missedFraction > MAX_MISSED ? "excess not offered" : "no excess";
        bars.add(new Bar(refusalName, measured, String.format(Locale.ROOT, "%,d sent", sent), share, "all", verdict));

        JsonNode durability = breakwater.path("durability");
        if (durability.path("eventsLaneRecords").isNumber() && durability.path("acknowledged").isNumber()) {
            long acked = durability.path("acknowledged").asLong();
            long records = durability.path("eventsLaneRecords").asLong();
            long missing = Math.max(0, acked - records);
            bars.add(new Bar(lossName, String.format(Locale.ROOT, "%,d missing (%,d records appended)", missing, records),
                    String.format(Locale.ROOT, "%,d acknowledged", acked), acked > 0 ? percent((double) records / acked) : "",
                    "0", missing == 0 ? Verdict.PASS : Verdict.FAIL));
        } else {
            bars.add(Bar.pending(lossName, "0", durability.path("reason").asText("spool stats not available")));
        }
        return bars;
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode value : counts) {
            total += value.asLong();
        }
        return total;
    }

    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f/s", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
