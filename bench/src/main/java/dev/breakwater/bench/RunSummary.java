package dev.breakwater.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The last step of bench/run.sh: gathers the phase outputs the script left in its work directory into one results
 * JSON (with machine info), judges the bars ({@link Bars}), writes {@code bench/results/<date>.json} and regenerates
 * the table in BENCHMARKS.md ({@link ResultsTable}).
 *
 * <p>Work directory files, each optional except {@code params.json}: {@code corpus.json}, {@code nginx-wrk.json}, {@code netty-hello.json}, {@code netty-full.json},
 * {@code fsync.json}, {@code spool.json}, {@code breakwater.json} (server status and the phases run),
 * {@code bw-<phase>.json} for each phase, {@code rss.txt} ("epoch-seconds VmRSS-kB VmHWM-kB" per line),
 * {@code spool-stats.json}.
 */
public final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE =
            "usage: RunSummary --work DIR --out RESULTS.json --markdown BENCHMARKS.md --data SERVER-DATA-DIR [--date YYYY-MM-DD]";
    /** Phase name in breakwater.json → key in the results; wrk phases count 2xx, LoadGenerator phases their total. */
    private static final Map<String, String> PHASES = Map.of(
            "wrk-warmup", "wrkWarmup", "wrk", "wrk", "load", "load", "load-large", "loadLarge", "overload", "overload");

    private RunSummary() {}

    public static void main(String[] argv) throws IOException {
        ResultsFiles.main(argv, USAGE, RunSummary::summarise, Bars::evaluate, ResultsTable::render, ResultsTable::replaceBlock);
    }

    static ObjectNode summarise(Path work, Path dataDirectory, String date) throws IOException, UsageException {
        ObjectNode results = JSON.createObjectNode();
        results.put("date", date);
        results.set("machine", MachineInfo.collect(dataDirectory));
        JsonNode params = read(work.resolve("params.json"));
        if (params == null) {
            throw new UsageException("--work has no params.json: " + work);
        }
        results.set("params", params);
        putIfPresent(results, "corpus", read(work.resolve("corpus.json")));
        JsonNode nginx = read(work.resolve("nginx-wrk.json"));
        if (nginx != null) {
            results.set("httpCeiling", withOkRate((ObjectNode) nginx));
        }
        ObjectNode netty = JSON.createObjectNode();
        for (String mode : new String[] {"hello", "full"}) {
            if (read(work.resolve("netty-" + mode + ".json")) instanceof ObjectNode run) {
                netty.set(mode, withOkRate(run));
            }
        }
        if (!netty.isEmpty()) {
            results.set("nettyProbe", netty);
        }
        putIfPresent(results, "fsyncCeiling", read(work.resolve("fsync.json")));
        JsonNode spool = read(work.resolve("spool.json"));
        results.set("spoolGroupCommit", spool != null ? spool
                : JSON.createObjectNode().put("available", false).put("reason", "spool benchmark produced no result"));
        results.set("breakwater", breakwater(work));
        putIfPresent(results, "refusalControl", read(work.resolve("refusal-control.json")));
        return results;
    }

    private static ObjectNode breakwater(Path work) throws IOException {
        JsonNode status = read(work.resolve("breakwater.json"));
        ObjectNode breakwater = status instanceof ObjectNode o ? o.deepCopy()
                : JSON.createObjectNode().put("available", false).put("reason", "Breakwater phase did not run");
        if (!breakwater.path("available").asBoolean(false)) {
            return breakwater;
        }
        long acknowledged = 0;
        String unknown = null;
        for (JsonNode phase : breakwater.path("phases")) {
            String name = phase.asText();
            String key = PHASES.get(name);
            JsonNode run = read(work.resolve("bw-" + name + ".json"));
            if (key == null || run == null) {
                unknown = "phase " + name + " produced no result, so the acknowledged count is unknown";
                continue;
            }
            if (name.startsWith("wrk")) {
                ObjectNode wrk = withOkRate((ObjectNode) run);
                breakwater.set(key, wrk);
                acknowledged += wrk.path("ok").asLong();
            } else {
                breakwater.set(key, run);
                acknowledged += run.path("total").path("accepted").asLong();
            }
        }
        ObjectNode rss = rss(work.resolve("rss.txt"));
        if (rss != null) {
            breakwater.set("rss", rss);
        }
        ObjectNode durability = breakwater.putObject("durability");
        JsonNode stats = read(work.resolve("spool-stats.json"));
        if (unknown != null) {
            durability.put("reason", unknown);
        } else if (stats == null) {
            durability.put("reason", "spool stats produced no result");
        } else {
            breakwater.set("spoolStats", stats);
            durability.put("acknowledged", acknowledged);
            for (JsonNode lane : stats.path("lanes")) {
                if (lane.path("lane").asText().equals("events")) {
                    // every record ever made durable in the lane: the pipeline deletes segments it has processed, so
                    // the records still on disk undercount; offsets start at 0 in the run's fresh data folder
                    durability.put("eventsLaneRecords", lane.path("nextOffset").asLong());
                }
            }
            if (!durability.has("eventsLaneRecords")) {
                durability.put("reason", "spool stats list no events lane");
            }
        }
        return breakwater;
    }

    /** Adds ok (2xx) and okPerSecond to a wrk result: wrk counts non-2xx/3xx responses as status errors. */
    static ObjectNode withOkRate(ObjectNode wrk) {
        long ok = wrk.path("requests").asLong() - wrk.path("errors").path("status").asLong();
        wrk.put("ok", ok);
        double seconds = wrk.path("durationSeconds").asDouble();
        if (seconds > 0) {
            wrk.put("okPerSecond", LatencyRecorder.round(ok / seconds, 1));
        }
        return wrk;
    }

    static ObjectNode rss(Path samples) throws IOException {
        if (!Files.exists(samples)) {
            return null;
        }
        long maxRss = -1;
        long maxHwm = -1;
        int count = 0;
        for (String line : Files.readAllLines(samples)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3) {
                continue;
            }
            try {
                maxRss = Math.max(maxRss, Long.parseLong(fields[1]));
                maxHwm = Math.max(maxHwm, Long.parseLong(fields[2]));
                count++;
            } catch (NumberFormatException e) {
                // a sample cut short as the sampler was stopped
            }
        }
        if (count == 0) {
            return null;
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("samples", count);
        json.put("maxRssMb", LatencyRecorder.round(maxRss / 1024.0, 1));
        json.put("hwmMb", LatencyRecorder.round(maxHwm / 1024.0, 1));
        return json;
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return null;
        }
        String text = Files.readString(file);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // a tool's stdout may carry log lines before its JSON: try from the first line that opens an object
            int start = text.startsWith("{") ? -1 : text.indexOf("\n{");
            if (start >= 0) {
                try {
                    return JSON.readTree(text.substring(start + 1));
                } catch (JsonProcessingException ignored) {
                    // fall through to the report below
                }
            }
            return JSON.createObjectNode().put("available", false).put("reason", file.getFileName() + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void putIfPresent(ObjectNode target, String key, JsonNode value) {
        if (value != null) {
            target.set(key, value);
        }
    }
}
