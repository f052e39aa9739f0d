package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.EventSummary;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoredEvent;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code GET /events/{eventId}}: the canonical event document as the pipeline stored it (with {@code raw}, the
 * original payload), plus where it belongs: {@code projectSlug} and {@code issueId}. Thread-safe.
 */
final class EventEndpoints {
    private final Store store;

    EventEndpoints(Store store) {
        this.store = requireNonNull(store, "store is null");
    }

    Reply detail(Caller caller, ServerRequest req) throws Exception {
        StoredEvent event = new VisibleRecords(store, caller).event(Params.eventId(req));
        EventSummary summary = event.summary();
        ObjectNode document = StoredEventDocument.parse(event);

        ObjectNode body = Json.object();
        body.put("eventId", summary.eventId());
        Json.putText(body, "projectSlug", store.project(summary.projectId()).map(ProjectRecord::slug));
        body.put("issueId", summary.issueId());
        // the document's own fields win, except where the event belongs, which only the store knows
        document.remove("projectSlug");
        document.remove("issueId");
        body.setAll(document);
        // an older or partial document still shows what the list of events shows
        if (!body.has("receivedAt")) {
            Json.putTime(body, "receivedAt", summary.receivedAt());
        }
        if (!body.has("timestamp")) {
            Json.putTime(body, "timestamp", summary.timestamp());
        }
        if (!body.has("level")) {
            body.put("level", summary.level());
        }
        if (!body.has("message")) {
            body.put("message", summary.message());
        }
        if (!body.has("release")) {
            Json.putText(body, "release", summary.release());
        }
        if (!body.has("environment")) {
            Json.putText(body, "environment", summary.environment());
        }
        return Reply.ok(body);
    }
}
