package dev.breakwater.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.server.project.Project;
import dev.breakwater.server.project.ProjectRegistry;
import dev.breakwater.store.StoreException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.function.Supplier;

/** {@code /api/v1/projects}: list, read and create projects (API.md), admin token only for now. */
public final class ProjectRoutes implements HttpService {
    private final ProjectRegistry projects;
    private final AdminToken adminToken;
    private final Supplier<String> publicUrl;

    /** @param publicUrl base URL for DSNs, read per response: the port is known only once the server listens */
    public ProjectRoutes(ProjectRegistry projects, AdminToken adminToken, Supplier<String> publicUrl) {
        this.projects = requireNonNull(projects, "projects is null");
        this.adminToken = requireNonNull(adminToken, "adminToken is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/projects", this::list)
                .post("/api/v1/projects", this::create)
                .get("/api/v1/projects/{slug}", this::get);
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        if (adminToken.admits(req.headers().first(HeaderNames.AUTHORIZATION))) {
            return true;
        }
        Json.error(res, 401, "unauthorized", "send the admin token as 'Authorization: Bearer <token>'");
        return false;
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (!authorized(req, res)) {
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        projects.projects().forEach(p -> items.add(view(p)));
        Json.send(res, 200, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        if (!authorized(req, res)) {
            return;
        }
        String slug = req.path().pathParameters().get("slug");
        projects.bySlug(slug)
                .ifPresentOrElse(
                        p -> Json.send(res, 200, view(p)),
                        () -> Json.error(res, 404, "not_found", "no project with slug '" + slug + "'"));
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        if (!authorized(req, res)) {
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.content().as(byte[].class));
        } catch (IOException e) {
            Json.error(res, 400, "invalid_json", "the body must be a JSON object such as {\"name\": \"shop-backend\"}");
            return;
        }
        JsonNode name = body == null ? null : body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            Json.error(res, 400, "invalid_payload", "'name' is required and must be a non-empty string");
            return;
        }
        try {
            Json.send(res, 201, view(projects.create(name.asText())));
        } catch (IllegalArgumentException e) {
            Json.error(res, 400, "invalid_payload", e.getMessage());
        } catch (StoreException e) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            Json.error(res, 503, "store_unavailable", "the project could not be saved: " + e.getMessage());
        }
    }

    private ObjectNode view(Project project) {
        ObjectNode node = Json.object();
        node.put("id", project.id());
        node.put("slug", project.slug());
        node.put("name", project.name());
        node.put("createdAt", project.createdAt().toString());
        ArrayNode keys = node.putArray("keys");
        for (ProjectKey key : project.keys()) {
            keys.addObject()
                    .put("publicKey", key.publicKey())
                    .put("dsn", dsn(key))
                    .put("rollbarAccessToken", key.rollbarToken())
                    .put("otlpToken", key.otlpToken());
        }
        return node;
    }

    /** {@code http://<publicKey>@host:port/<projectId>}, the DSN shape Sentry SDKs parse. */
    public String dsn(ProjectKey key) {
        String url = publicUrl.get();
        int schemeEnd = url.indexOf("://") + 3;
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base.substring(0, schemeEnd) + key.publicKey() + "@" + base.substring(schemeEnd) + "/" + key.projectId();
    }
}
