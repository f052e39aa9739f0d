package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.alert.AlertActions;
import dev.breakwater.web.ui.alert.ChannelSecrets;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Breakwater's read API (API.md "Issues and events", "Pipeline health", "Alerts and status"), to be registered under
 * {@code /api/v1}:
 *
 * <pre>
 * GET  /projects/{slug}/issues            GET|PUT /issues/{id}           GET /issues/{id}/events
 * GET  /events/{eventId}                  GET /projects/{slug}/releases  GET /projects/{slug}/deploys
 * GET  /projects/{slug}/artifacts         POST /projects/{slug}/tokens   GET /pipeline
 * GET  /lanes/{name}/quarantine           POST /lanes/{name}/quarantine/replay
 * POST /lanes/{name}/pause                POST /lanes/{name}/resume
 * GET|POST /projects/{slug}/alert-rules   GET /alerts                    POST /alerts/{id}/ack
 * PATCH|DELETE /projects/{slug}/alert-rules/{id}
 * GET|POST /notification-channels         PATCH|DELETE /notification-channels/{id}
 * </pre>
 *
 * Every request needs {@code Authorization: Bearer <token>} ({@link BearerAuth}): the admin token may do everything;
 * a project token sees its own project only (anything else, Breakwater's own alerts included, is a 404) and gets 403
 * on the pipeline, lane, token and notification-channel endpoints. Every failure is answered by {@link ApiErrors};
 * another method on one of these paths is a 405, and any other path a JSON 404.
 * Thread-safe: handlers share nothing mutable.
 */
public final class ReadApi implements HttpService {
    private final BearerAuth auth;
    private final IssueEndpoints issues;
    private final EventEndpoints events;
    private final ProjectEndpoints projects;
    private final PipelineEndpoints pipeline;
    private final AlertEndpoints alerts;
    private final AlertRuleEndpoints alertRules;
    private final ChannelEndpoints channels;

    /** @param alertActions acknowledges alerts for {@code POST /alerts/{id}/ack} (the server adapts the engine) */
    public ReadApi(Store store, PipelineControl pipeline, String adminToken, Clock clock, AlertActions alertActions) {
        requireNonNull(store, "store is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(clock, "clock is null");
        this.auth = new BearerAuth(adminToken, store);
        this.issues = new IssueEndpoints(store, clock);
        this.events = new EventEndpoints(store);
        this.projects = new ProjectEndpoints(store, clock, new ApiTokens(new SecureRandom()));
        this.pipeline = new PipelineEndpoints(store, pipeline);
        this.alerts = new AlertEndpoints(store, alertActions);
        this.alertRules = new AlertRuleEndpoints(store, clock);
        this.channels = new ChannelEndpoints(store, clock, new ChannelSecrets(new SecureRandom()));
    }

    @Override
    public void routing(HttpRules rules) {
        route(rules, "/projects/{slug}/issues", Map.of(Method.GET, issues::list));
        route(rules, "/projects/{slug}/releases", Map.of(Method.GET, projects::releases));
        route(rules, "/projects/{slug}/deploys", Map.of(Method.GET, projects::deploys));
        route(rules, "/projects/{slug}/artifacts", Map.of(Method.GET, projects::artifacts));
        route(rules, "/projects/{slug}/tokens", Map.of(Method.POST, projects::createToken));
        route(rules, "/issues/{id}", Map.of(Method.GET, issues::detail, Method.PUT, issues::setStatus));
        route(rules, "/issues/{id}/events", Map.of(Method.GET, issues::events));
        route(rules, "/events/{eventId}", Map.of(Method.GET, events::detail));
        route(rules, "/pipeline", Map.of(Method.GET, pipeline::status));
        route(rules, "/lanes/{name}/quarantine", Map.of(Method.GET, pipeline::quarantine));
        route(rules, "/lanes/{name}/quarantine/replay", Map.of(Method.POST, pipeline::replay));
        route(rules, "/lanes/{name}/pause", Map.of(Method.POST, pipeline::pause));
        route(rules, "/lanes/{name}/resume", Map.of(Method.POST, pipeline::resume));
        route(rules, "/projects/{slug}/alert-rules", Map.of(Method.GET, alertRules::list, Method.POST, alertRules::create));
        route(rules, "/projects/{slug}/alert-rules/{id}",
                Map.of(Method.PATCH, alertRules::update, Method.DELETE, alertRules::delete));
        route(rules, "/alerts", Map.of(Method.GET, alerts::list));
        route(rules, "/alerts/{id}/ack", Map.of(Method.POST, alerts::acknowledge));
        route(rules, "/notification-channels", Map.of(Method.GET, channels::list, Method.POST, channels::create));
        route(rules, "/notification-channels/{id}",
                Map.of(Method.PATCH, channels::update, Method.DELETE, channels::delete));
        // last: any other path under /api/v1 gets the API's JSON 404 rather than the server's plain one, so register
        // this service after every other service that serves /api/v1 paths
        rules.any("/*", (req, res) -> send(res, ApiErrors.reply(
                ApiException.notFound("no API endpoint " + describe(req) + "; see API.md"), describe(req))));
    }

    private void route(HttpRules rules, String path, Map<Method, Endpoint> endpoints) {
        endpoints.forEach((method, endpoint) -> rules.route(method, path, authenticated(endpoint)));
        String allow = String.join(", ", endpoints.keySet().stream().map(Method::text).sorted().toList());
        rules.any(path, (req, res) -> send(res, ApiErrors.reply(
                ApiException.methodNotAllowed(
                        req.prologue().method().text() + " is not allowed on " + req.prologue().uriPath().path()
                                + "; use " + allow,
                        allow),
                describe(req))));
    }

    private Handler authenticated(Endpoint endpoint) {
        return (req, res) -> {
            Reply reply;
            try {
                Caller caller = auth.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
                reply = endpoint.handle(caller, req);
            } catch (Exception e) {
                reply = ApiErrors.reply(e, describe(req));
            }
            send(res, reply);
        };
    }

    private static String describe(ServerRequest req) {
        return req.prologue().method().text() + " " + req.prologue().uriPath().path();
    }

    private static void send(ServerResponse res, Reply reply) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(reply.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        // answers carry project data or tokens: no cache may keep them
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Type", "application/json");
        res.status(Status.create(reply.status()));
        if (reply.status() == 204) {
            headers.remove("Content-Type");
            headers.forEach((name, value) -> res.header(HeaderNames.create(name), value));
            res.send();
            return;
        }
        headers.forEach((name, value) -> res.header(HeaderNames.create(name), value));
        res.send(body);
    }
}
