package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.alert.AlertActions;
import dev.breakwater.web.ui.alert.AlertScan;
import dev.breakwater.web.ui.alert.AlertStateFilter;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts: {@code GET /alerts} and {@code POST /alerts/{id}/ack}. A project token sees its own project's alerts only;
 * Breakwater's own (internal) alerts, which have no project, only the admin token. An alert the caller may not see
 * is a 404, as if it did not exist.
 *
 * <pre>
 * GET /alerts?state=open|firing|acknowledged|resolved|all&amp;limit=50
 *   state: open (the default) is firing and acknowledged; limit 1..1000, default 50
 *   → 200 {"items": [alert...]}, newest opened first
 *
 * POST /alerts/{id}/ack  {"snoozeMinutes": 30}     (1..10080, a week)
 *   → 200 alert, acknowledged: it does not notify until snoozeUntil, and notifies again then if still firing
 *   → 409 conflict when the alert is already resolved
 *
 * alert = {"id": 12, "projectSlug": "shop" | null (internal alert), "ruleId": 3 | null, "dedupKey": "rule:3:frequency",
 *          "title": "...", "details": "...", "state": "firing" | "acknowledged" | "resolved", "step": 0,
 *          "channelIds": [1, 2], "openedAt": "2026-03-10T12:00:00Z", "acknowledgedAt": null | time,
 *          "snoozeUntil": null | time, "resolvedAt": null | time, "lastNotifiedAt": time}
 * </pre>
 *
 * Thread-safe.
 */
final class AlertEndpoints {
    static final long MAX_SNOOZE_MINUTES = 10_080;
    private static final String ACK_EXAMPLE = "{\"snoozeMinutes\": 30}";

    private final Store store;
    private final AlertActions actions;

    AlertEndpoints(Store store, AlertActions actions) {
        this.store = requireNonNull(store, "store is null");
        this.actions = requireNonNull(actions, "actions is null");
    }

    Reply list(Caller caller, ServerRequest req) throws Exception {
        AlertStateFilter filter;
        try {
            filter = Params.text(req, "state").map(AlertStateFilter::fromWire).orElse(AlertStateFilter.OPEN);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(e.getMessage());
        }
        int limit = Params.limit(req);
        List<AlertRecord> alerts = AlertScan.newest(store, filter, limit, alert -> visible(caller, alert));
        Map<Long, String> slugs = slugs();
        ArrayNode items = Json.array();
        alerts.forEach(alert -> items.add(json(alert, slugs)));
        return Reply.ok(Json.object().set("items", items));
    }

    Reply acknowledge(Caller caller, ServerRequest req) throws Exception {
        AlertRecord alert = visibleAlert(caller, alertId(req));
        long minutes = RequestBody.read(req, ACK_EXAMPLE)
                .wholeNumber("snoozeMinutes")
                .orElseThrow(() -> ApiException.invalidPayload(
                        "'snoozeMinutes' is required: how long the alert stays silent, e.g. " + ACK_EXAMPLE));
        if (minutes < 1 || minutes > MAX_SNOOZE_MINUTES) {
            throw ApiException.invalidPayload("'snoozeMinutes' must be from 1 to " + MAX_SNOOZE_MINUTES
                    + " (a week), was " + minutes);
        }
        if (alert.state().equals(AlertRecord.RESOLVED)) {
            throw resolved(alert);
        }
        AlertRecord acknowledged = actions.acknowledge(alert.id(), Duration.ofMinutes(minutes), by(caller))
                .orElseThrow(() -> resolved(alert));
        return Reply.ok(json(acknowledged, slugs()));
    }

    private static ApiException resolved(AlertRecord alert) {
        return ApiException.conflict("alert " + alert.id() + " is already resolved; only an open alert can be acknowledged");
    }

    /** Who acknowledged, for the alert's history. */
    private static String by(Caller caller) {
        return caller.isAdmin() ? "the admin API token" : "a project API token";
    }

    static boolean visible(Caller caller, AlertRecord alert) {
        return alert.projectId().map(caller::sees).orElse(caller.isAdmin());
    }

    private AlertRecord visibleAlert(Caller caller, long id) throws StoreException, ApiException {
        return store.alert(id)
                .filter(alert -> visible(caller, alert))
                .orElseThrow(() -> ApiException.notFound("there is no alert " + id));
    }

    private static long alertId(ServerRequest req) throws ApiException {
        String given = req.path().pathParameters().get("id");
        try {
            long id = Long.parseLong(given);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badParameter("the alert id must be a positive whole number, was '" + given + "'");
    }

    private Map<Long, String> slugs() throws StoreException {
        Map<Long, String> slugs = new HashMap<>();
        for (ProjectRecord project : store.projects()) {
            slugs.put(project.id(), project.slug());
        }
        return slugs;
    }

    static ObjectNode json(AlertRecord alert, Map<Long, String> slugs) {
        ObjectNode node = Json.object();
        node.put("id", alert.id());
        // a project the store no longer knows shows as its id
        Json.putText(node, "projectSlug", alert.projectId().map(id -> slugs.getOrDefault(id, Long.toString(id))));
        if (alert.ruleId().isPresent()) {
            node.put("ruleId", alert.ruleId().get());
        } else {
            node.putNull("ruleId");
        }
        node.put("dedupKey", alert.dedupKey());
        node.put("title", alert.title());
        node.put("details", alert.details());
        node.put("state", alert.state());
        node.put("step", alert.step());
        ArrayNode channels = node.putArray("channelIds");
        alert.channelIds().forEach(channels::add);
        Json.putTime(node, "openedAt", alert.openedAt());
        Json.putTime(node, "acknowledgedAt", alert.acknowledgedAt());
        Json.putTime(node, "snoozeUntil", alert.snoozeUntil());
        Json.putTime(node, "resolvedAt", alert.resolvedAt());
        Json.putTime(node, "lastNotifiedAt", alert.lastNotifiedAt());
        return node;
    }
}
