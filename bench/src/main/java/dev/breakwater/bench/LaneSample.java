package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.OptionalDouble;

/**
 * The {@code events} lane as the server reported it at one moment: {@code GET /api/v1/pipeline} (backlog, in and out
 * rates over the server's last minute, state, the service's catch-up ETA and delay) and the processed-records counter
 * of {@code /metrics}, which gives exact drain rates between two samples.
 *
 * @param seconds   when the sample was taken, seconds since the caller's origin
 * @param eta       {@code catchUpEtaSeconds}, NaN when the server reports none
 * @param processed records processed since the server started, NaN when {@code /metrics} did not have it
 */
record LaneSample(double seconds, String state, long backlog, double inPerSecond, double outPerSecond, double eta,
        double delaySeconds, double processed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LaneSample take(ServerApi api, long originNanos) throws IOException, InterruptedException {
        JsonNode pipeline = api.pipeline();
        OptionalDouble processed = api.processedRecords(SpoolFill.LANE);
        double seconds = (System.nanoTime() - originNanos) / 1e9;
        JsonNode lane = ServerApi.lane(pipeline, SpoolFill.LANE);
        if (lane.isMissingNode()) {
            throw new IOException("GET /api/v1/pipeline lists no " + SpoolFill.LANE + " lane: " + pipeline);
        }
        JsonNode eta = pipeline.path("catchUpEtaSeconds");
        return new LaneSample(seconds, lane.path("state").asText(), lane.path("backlogRecords").asLong(),
                lane.path("inPerSecond").asDouble(), lane.path("outPerSecond").asDouble(),
                eta.isNumber() ? eta.asDouble() : Double.NaN, pipeline.path("delaySeconds").asDouble(),
                processed.orElse(Double.NaN));
    }

    ObjectNode json() {
        ObjectNode json = JSON.createObjectNode();
        json.put("t", LatencyRecorder.round(seconds, 3));
        json.put("state", state);
        json.put("backlog", backlog);
        json.put("in", LatencyRecorder.round(inPerSecond, 1));
        json.put("out", LatencyRecorder.round(outPerSecond, 1));
        if (Double.isNaN(eta)) {
            json.putNull("eta");
        } else {
            json.put("eta", LatencyRecorder.round(eta, 1));
        }
        json.put("delay", LatencyRecorder.round(delaySeconds, 3));
        if (!Double.isNaN(processed)) {
            json.put("processed", (long) processed);
        }
        return json;
    }

    /** Processed records per second between {@code earlier} and this sample, NaN when the counter is missing. */
    double processedPerSecondSince(LaneSample earlier) {
        double elapsed = seconds - earlier.seconds;
        return elapsed > 0 ? (processed - earlier.processed) / elapsed : Double.NaN;
    }
}
