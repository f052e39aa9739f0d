package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.EventSummary;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.Page;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.TimeCount;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Issues and their events: {@code GET /projects/{slug}/issues}, {@code GET|PUT /issues/{id}} and
 * {@code GET /issues/{id}/events}. A project token may read and triage its own project's issues. Thread-safe.
 */
final class IssueEndpoints {
    private static final String STATUS_EXAMPLE = "{\"status\": \"resolved\"}";

    private final Store store;
    private final Clock clock;

    IssueEndpoints(Store store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Reply list(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        Optional<IssueStatus> status = Params.issueStatus(req);
        IssueSort sort = Params.issueSort(req);
        Optional<String> text = Params.text(req, "query");
        Optional<String> environment = Params.text(req, "environment");
        Optional<String> release = Params.text(req, "release");
        int limit = Params.limit(req);
        // the cursor is bound to every filter: a page of another filter would skip or repeat issues
        String list = String.join("\n", "issues", Long.toString(project.id()), sort.wireName(),
                status.map(IssueStatus::wireName).orElse("all"), text.orElse(""), environment.orElse(""),
                release.orElse(""));
        Optional<String> cursor = Cursor.unwrap(list, Params.text(req, "cursor"));

        Page<IssueRecord> page;
        try {
            page = store.issues(new IssueQuery(project.id(), status, sort, text, environment, release, cursor, limit));
        } catch (IllegalArgumentException e) {
            throw Cursor.refusedByStore(cursor, e);
        }
        ArrayNode items = Json.array();
        page.items().forEach(issue -> items.add(json(issue)));
        return Reply.ok(Json.page(items, Cursor.wrap(list, page.nextCursor())));
    }

    Reply detail(Caller caller, ServerRequest req) throws Exception {
        IssueRecord issue = new VisibleRecords(store, caller).issue(Params.issueId(req));
        HourlyWindow window = HourlyWindow.endingAt(clock.instant());
        ArrayNode hourly = Json.array();
        for (TimeCount bucket : window.fill(store.hourlyCounts(issue.id(), window.from(), window.to()))) {
            hourly.addArray().add(Json.time(bucket.start())).add(bucket.count());
        }
        ObjectNode body = json(issue);
        body.set("hourly", hourly);
        return Reply.ok(body);
    }

    Reply setStatus(Caller caller, ServerRequest req) throws Exception {
        long id = Params.issueId(req);
        new VisibleRecords(store, caller).issue(id);
        String given = RequestBody.read(req, STATUS_EXAMPLE)
                .text("status")
                .orElseThrow(() -> ApiException.invalidPayload(
                        "'status' is required: unresolved, resolved or ignored, e.g. " + STATUS_EXAMPLE));
        IssueStatus status;
        try {
            status = IssueStatus.fromWire(given);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidPayload("'status' must be unresolved, resolved or ignored, was '" + given + "'");
        }
        IssueRecord updated = store.setIssueStatus(id, status, clock.instant())
                .orElseThrow(() -> ApiException.notFound("there is no issue " + id));
        return Reply.ok(json(updated));
    }

    Reply events(Caller caller, ServerRequest req) throws Exception {
        IssueRecord issue = new VisibleRecords(store, caller).issue(Params.issueId(req));
        int limit = Params.limit(req);
        String list = "events/" + issue.id();
        Optional<String> cursor = Cursor.unwrap(list, Params.text(req, "cursor"));

        Page<EventSummary> page;
        try {
            page = store.eventsOfIssue(issue.id(), cursor, limit);
        } catch (IllegalArgumentException e) {
            throw Cursor.refusedByStore(cursor, e);
        }
        ArrayNode items = Json.array();
        for (EventSummary event : page.items()) {
            ObjectNode item = items.addObject();
            item.put("eventId", event.eventId());
            Json.putTime(item, "receivedAt", event.receivedAt());
            Json.putTime(item, "timestamp", event.timestamp());
            item.put("level", event.level());
            item.put("message", event.message());
            Json.putText(item, "release", event.release());
            Json.putText(item, "environment", event.environment());
        }
        return Reply.ok(Json.page(items, Cursor.wrap(list, page.nextCursor())));
    }

    static ObjectNode json(IssueRecord issue) {
        ObjectNode node = Json.object();
        node.put("id", issue.id());
        node.put("projectSlug", issue.projectSlug());
        node.put("title", issue.title());
        node.put("culprit", issue.culprit());
        node.put("type", issue.type());
        node.put("level", issue.level());
        node.put("status", issue.status().wireName());
        node.put("count", issue.count());
        node.put("userCount", issue.userCount());
        Json.putTime(node, "firstSeen", issue.firstSeen());
        Json.putTime(node, "lastSeen", issue.lastSeen());
        Json.putText(node, "firstRelease", issue.firstRelease());
        Json.putText(node, "lastRelease", issue.lastRelease());
        node.put("fingerprint", issue.fingerprint());
        Json.putTime(node, "resolvedAt", issue.resolvedAt());
        Json.putTime(node, "regressedAt", issue.regressedAt());
        return node;
    }
}
