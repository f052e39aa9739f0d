package dev.breakwater.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last step of bench/processing.sh: gathers what the script left in its work directory into one results JSON
 * (with machine info), judges the bars ({@link ProcessingBars}), writes {@code bench/results/<date>-processing.json}
 * and regenerates the Processing block of BENCHMARKS.md ({@link ProcessingTable}).
 *
 * <p>Work directory files, each optional except {@code params.json}: {@code processing.json}
 * ({@link ProcessingBench}), {@code server.json} (server status, the rates the script derived), {@code rate.json}
 * (flat-out {@link LoadGenerator}), {@code drain.json} ({@link AwaitDrained}), {@code e2e-load.json} (the background
 * load during the probes), {@code visibility.json} ({@link VisibilityProbe}), {@code catchup.json}
 * ({@link CatchUpBench}).
 */
public final class ProcessingSummary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE =
            "usage: ProcessingSummary --work DIR --out RESULTS.json --markdown BENCHMARKS.md --data DIR [--date YYYY-MM-DD]";
    /** The catch-up series is kept whole in the work directory; the results file keeps every n-th sample. */
    private static final int KEEP_EVERY_NTH_SAMPLE = 5;

    private ProcessingSummary() {}

    public static void main(String[] argv) throws IOException {
        ResultsFiles.main(argv, USAGE, ProcessingSummary::summarise, ProcessingBars::evaluate, ProcessingTable::render, ProcessingTable::replaceBlock);
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
        JsonNode processing = read(work.resolve("processing.json"));
        if (processing instanceof ObjectNode p) {
            p.remove("machine"); // the same machine as the run's, collected once above
            results.set("processing", p);
        } else {
            results.set("processing", JSON.createObjectNode().put("available", false)
                    .put("reason", "the processing benchmark produced no result"));
        }
        results.set("server", server(work, processing));
        return results;
    }

    private static ObjectNode server(Path work, JsonNode processing) throws IOException {
        JsonNode status = read(work.resolve("server.json"));
        ObjectNode server = status instanceof ObjectNode o ? o.deepCopy()
                : JSON.createObjectNode().put("available", false).put("reason", "the server phases did not run");
        putIfPresent(server, "rate", read(work.resolve("rate.json")));
        putIfPresent(server, "drain", read(work.resolve("drain.json")));
        JsonNode e2eLoad = read(work.resolve("e2e-load.json"));
        ObjectNode load = server.putObject("load");
        if (server.path("halfRatePerSecond").isNumber()) {
            load.put("halfRatePerSecond", server.path("halfRatePerSecond").asDouble());
        }
        putIfPresent(load, "duringVisibility", e2eLoad);
        putIfPresent(server, "visibility", read(work.resolve("visibility.json")));
        JsonNode catchUp = read(work.resolve("catchup.json"));
        if (catchUp instanceof ObjectNode c) {
            ArrayNode kept = JSON.createArrayNode();
            JsonNode samples = c.path("samples");
            for (int i = 0; i < samples.size(); i++) {
                if (i % KEEP_EVERY_NTH_SAMPLE == 0 || i == samples.size() - 1) {
                    kept.add(samples.get(i));
                }
            }
            c.set("samples", kept);
            c.put("samplesKept", "every " + KEEP_EVERY_NTH_SAMPLE + "th of " + samples.size());
            server.set("catchUp", c);
        }
        // the full processing rate the catch-up is compared with: the server's own drain with nothing else sending,
        // else the pipeline's rate into SQLite (the server's default engine) from the processing benchmark
        ObjectNode full = server.putObject("fullProcessingRate");
        JsonNode drained = server.path("drain").path("processedPerSecond");
        JsonNode bench = processing == null ? null : processing.path("sqlite").path("breakwater").path("eventsPerSecond");
        if (drained.isNumber()) {
            full.put("perSecond", drained.asDouble());
            full.put("source", "the server draining its backlog with no ingest");
        } else if (bench != null && bench.isNumber()) {
            full.put("perSecond", bench.asDouble());
            full.put("source", "ProcessingBench (b), SQLite");
        }
        if (bench != null && bench.isNumber()) {
            full.put("processingBenchSqlitePerSecond", bench.asDouble());
        }
        return server;
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
            return JSON.createObjectNode().put("available", false)
                    .put("reason", file.getFileName() + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void putIfPresent(ObjectNode target, String key, JsonNode value) {
        if (value != null) {
            target.set(key, value);
        }
    }
}
