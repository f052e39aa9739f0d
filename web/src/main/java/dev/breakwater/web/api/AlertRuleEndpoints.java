package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.alert.RuleDraft;
import dev.breakwater.web.ui.alert.RuleText;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project's alert rules: {@code GET|POST /projects/{slug}/alert-rules}, {@code PATCH|DELETE
 * /projects/{slug}/alert-rules/{id}}. The admin token and the project's own token may list, create, disable and delete
 * them (as anyone who sees a project may in the UI); another project's token gets a 404.
 *
 * <pre>
 * GET /projects/{slug}/alert-rules → 200 {"items": [rule...]}, by id
 *
 * POST /projects/{slug}/alert-rules
 *   {"name": "checkout errors", "kind": "new_issue" | "regression" | "frequency",
 *    "threshold": 100, "windowMinutes": 5, "perIssue": true,        (frequency only: 1..1000000, 1..1440)
 *    "level": "error" | null, "environment": "production" | null, "release": "shop@1.2" | null,  (optional filters)
 *    "channelIds": [1]}                                              (at least one existing channel)
 *   → 201 rule; 400 invalid_payload naming the field otherwise
 *
 * PATCH /projects/{slug}/alert-rules/{id} {"enabled": false}   (a disabled rule is not evaluated; its open alerts resolve)
 *   → 200 rule; 400 invalid_payload without "enabled"; 404 not_found for a rule that is not the project's
 *
 * DELETE /projects/{slug}/alert-rules/{id} → 204 (the alerts it fired stay); 404 not_found as above
 *
 * rule = {"id": 3, "projectSlug": "shop", "name": "...", "kind": "frequency", "threshold": 100, "windowMinutes": 5,
 *         "perIssue": true, "level": null | "error", "environment": null | "...", "release": null | "...",
 *         "channelIds": [1], "enabled": true, "createdAt": time,
 *         "condition": "more than 100 events in 5 min per issue in production"}
 * </pre>
 *
 * {@code threshold} and {@code windowMinutes} are 0 (and {@code perIssue} false) for the kinds other than frequency.
 * Thread-safe.
 */
final class AlertRuleEndpoints {
    private static final String RULE_EXAMPLE = "{\"name\": \"checkout errors\", \"kind\": \"frequency\","
            + " \"threshold\": 100, \"windowMinutes\": 5, \"perIssue\": true, \"channelIds\": [1]}";
    private static final String ENABLED_EXAMPLE = "{\"enabled\": false}";

    private final Store store;
    private final Clock clock;

    AlertRuleEndpoints(Store store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Reply list(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        ArrayNode items = Json.array();
        for (AlertRuleRecord rule : store.alertRules(Optional.of(project.id()))) {
            items.add(json(rule, project));
        }
        return Reply.ok(Json.object().set("items", items));
    }

    Reply create(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        RequestBody body = RequestBody.read(req, RULE_EXAMPLE);
        String kind = body.text("kind").orElseThrow(() -> ApiException.invalidPayload(
                "'kind' is required: new_issue, regression or frequency, e.g. " + RULE_EXAMPLE));
        boolean frequency = kind.equals(RuleDraft.FREQUENCY);
        RuleDraft draft = new RuleDraft(
                body.text("name").orElse(""),
                kind,
                frequency ? required(body, "threshold") : 0,
                frequency ? required(body, "windowMinutes") : 0,
                body.flag("perIssue").orElse(false),
                body.text("level"),
                body.text("environment"),
                body.text("release"),
                body.wholeNumbers("channelIds").orElse(List.of()));
        Set<Long> channels = new HashSet<>();
        for (ChannelRecord channel : store.channels()) {
            channels.add(channel.id());
        }
        NewAlertRule rule;
        try {
            rule = draft.toNewRule(project.id(), channels, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidPayload(e.getMessage());
        }
        return Reply.created(json(store.createAlertRule(rule), project));
    }

    Reply update(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        AlertRuleRecord rule = rule(project, Params.id(req, "alert rule"));
        boolean enabled = RequestBody.read(req, ENABLED_EXAMPLE).flag("enabled").orElseThrow(
                () -> ApiException.invalidPayload("'enabled' (true or false) is required, e.g. " + ENABLED_EXAMPLE));
        AlertRuleRecord updated = store.setAlertRuleEnabled(rule.id(), enabled)
                .orElseThrow(() -> notFound(project, rule.id()));
        return Reply.ok(json(updated, project));
    }

    Reply delete(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        AlertRuleRecord rule = rule(project, Params.id(req, "alert rule"));
        if (!store.deleteAlertRule(rule.id())) {
            throw notFound(project, rule.id());
        }
        return Reply.noContent();
    }

    private AlertRuleRecord rule(ProjectRecord project, long id) throws Exception {
        return store.alertRules(Optional.of(project.id())).stream()
                .filter(rule -> rule.id() == id)
                .findFirst()
                .orElseThrow(() -> notFound(project, id));
    }

    private static ApiException notFound(ProjectRecord project, long id) {
        return ApiException.notFound("there is no alert rule " + id + " in project '" + project.slug() + "'");
    }

    /** A frequency rule's number; one outside int reads as the nearest int, which the range check then refuses. */
    private static int required(RequestBody body, String field) throws ApiException {
        long value = body.wholeNumber(field).orElseThrow(() -> ApiException.invalidPayload(
                "'" + field + "' is required for frequency rules, e.g. " + RULE_EXAMPLE));
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    static ObjectNode json(AlertRuleRecord rule, ProjectRecord project) {
        ObjectNode node = Json.object();
        node.put("id", rule.id());
        node.put("projectSlug", project.slug());
        node.put("name", rule.name());
        node.put("kind", rule.kind());
        node.put("threshold", rule.threshold());
        node.put("windowMinutes", rule.windowMinutes());
        node.put("perIssue", rule.perIssue());
        Json.putText(node, "level", rule.level());
        Json.putText(node, "environment", rule.environment());
        Json.putText(node, "release", rule.release());
        ArrayNode channels = node.putArray("channelIds");
        rule.channelIds().forEach(channels::add);
        node.put("enabled", rule.enabled());
        Json.putTime(node, "createdAt", rule.createdAt());
        node.put("condition", RuleText.condition(rule));
        return node;
    }
}
