package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.NodeDelay;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.pipeline.PipelineStatus;
import dev.breakwater.store.QuarantineWrite;
import dev.breakwater.store.QuarantinedRecord;
import dev.breakwater.store.Store;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.time.Instant;

/**
 * Pipeline health and lane operations, all admin only: {@code GET /pipeline}, {@code GET /lanes/{name}/quarantine},
 * {@code POST /lanes/{name}/quarantine/replay}, {@code POST /lanes/{name}/pause|resume}. An unknown lane is a 404.
 * Thread-safe.
 */
final class PipelineEndpoints {
    /** How long to wait before retrying a replay the spool could not take (disk full, lane closing). */
    static final long REPLAY_RETRY_AFTER_SECONDS = 30;

    private final Store store;
    private final PipelineControl control;

    PipelineEndpoints(Store store, PipelineControl control) {
        this.store = requireNonNull(store, "store is null");
        this.control = requireNonNull(control, "control is null");
    }

    Reply status(Caller caller, ServerRequest req) throws ApiException {
        caller.requireAdmin("see the pipeline");
        PipelineStatus status = control.status();
        ObjectNode body = Json.object();
        body.put("delaySeconds", status.delaySeconds());
        if (status.catchUpEtaSeconds().isPresent()) {
            body.put("catchUpEtaSeconds", status.catchUpEtaSeconds().get());
        } else {
            body.putNull("catchUpEtaSeconds");
        }
        ArrayNode nodes = body.putArray("nodes");
        for (NodeDelay node : status.nodes()) {
            ObjectNode item = nodes.addObject();
            item.put("node", node.node());
            Json.putTime(item, "lastReceivedAt", node.lastReceivedAt());
            Json.putTime(item, "lastProcessedReceivedAt", node.lastProcessedReceivedAt());
            item.put("delaySeconds", node.delaySeconds());
        }
        ArrayNode lanes = body.putArray("lanes");
        status.lanes().forEach(lane -> lanes.add(json(lane)));
        return Reply.ok(body);
    }

    Reply quarantine(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("see quarantined records");
        String lane = knownLane(req);
        int limit = Params.limit(req);
        ArrayNode items = Json.array();
        for (QuarantinedRecord quarantined : store.quarantine(lane, limit)) {
            QuarantineWrite record = quarantined.record();
            ObjectNode item = items.addObject();
            item.put("id", quarantined.id());
            item.put("offset", record.offset());
            item.put("project", record.project());
            item.put("node", record.node());
            item.put("seq", record.seq());
            Json.putTime(item, "receivedAt", Instant.ofEpochMilli(record.receivedAtMillis()));
            item.put("source", record.source());
            item.put("contentType", record.contentType());
            item.put("encoding", record.encoding());
            item.put("reason", record.reason());
            Json.putTime(item, "quarantinedAt", quarantined.quarantinedAt());
            item.put("bodyBytes", record.body().length);
        }
        ObjectNode body = Json.object();
        body.set("items", items);
        body.put("total", store.quarantineCount(lane));
        return Reply.ok(body);
    }

    Reply replay(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("replay quarantined records");
        String lane = knownLane(req);
        int replayed;
        try {
            replayed = control.replayQuarantine(lane);
        } catch (IOException e) {
            throw ApiException.unavailable("lane_unavailable",
                    "lane '" + lane + "' cannot take the records back right now (" + e.getMessage() + "); retry later",
                    REPLAY_RETRY_AFTER_SECONDS);
        }
        return Reply.ok(Json.object().put("replayed", replayed));
    }

    Reply pause(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("pause lanes");
        String lane = knownLane(req);
        control.pause(lane);
        return Reply.ok(json(laneStatus(lane)));
    }

    Reply resume(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("resume lanes");
        String lane = knownLane(req);
        control.resume(lane);
        return Reply.ok(json(laneStatus(lane)));
    }

    private String knownLane(ServerRequest req) throws ApiException {
        String lane = Params.lane(req);
        if (!control.lanes().contains(lane)) {
            throw unknownLane(lane);
        }
        return lane;
    }

    private LaneStatus laneStatus(String lane) throws ApiException {
        return control.status().lanes().stream()
                .filter(status -> status.name().equals(lane))
                .findFirst()
                .orElseThrow(() -> unknownLane(lane));
    }

    private ApiException unknownLane(String lane) {
        return ApiException.notFound("there is no lane '" + lane + "'; the lanes are " + String.join(", ", control.lanes()));
    }

    static ObjectNode json(LaneStatus lane) {
        ObjectNode node = Json.object();
        node.put("name", lane.name());
        node.put("state", lane.state().wireName());
        node.put("backlogRecords", lane.backlogRecords());
        node.put("backlogBytes", lane.backlogBytes());
        node.put("oldestAgeSeconds", lane.oldestAgeSeconds());
        node.put("delaySeconds", lane.delaySeconds());
        node.put("inPerSecond", lane.inPerSecond());
        node.put("outPerSecond", lane.outPerSecond());
        node.put("quarantined", lane.quarantined());
        node.put("diskQuotaBytes", lane.diskQuotaBytes());
        node.put("diskUsedBytes", lane.diskUsedBytes());
        Json.putText(node, "lastError", lane.lastError());
        return node;
    }
}
