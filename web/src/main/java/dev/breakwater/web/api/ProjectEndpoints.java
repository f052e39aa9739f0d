package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.ArtifactRecord;
import dev.breakwater.store.DeployRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.ReleaseRecord;
import dev.breakwater.store.Store;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;

/**
 * A project's releases, deploys and uploaded artifacts ({@code GET /projects/{slug}/releases|deploys|artifacts}) and
 * its read-API tokens
 * ({@code POST /projects/{slug}/tokens}, admin only). Thread-safe.
 */
final class ProjectEndpoints {
    static final int MAX_LABEL_LENGTH = 200;
    private static final String TOKEN_EXAMPLE = "{\"label\": \"ci\"}";

    private final Store store;
    private final Clock clock;
    private final ApiTokens tokens;

    ProjectEndpoints(Store store, Clock clock, ApiTokens tokens) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    Reply releases(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        ArrayNode items = Json.array();
        for (ReleaseRecord release : store.releases(project.id())) {
            ObjectNode item = items.addObject();
            item.put("version", release.version());
            item.put("projectSlug", project.slug());
            Json.putTime(item, "firstSeen", release.firstSeen());
            Json.putTime(item, "lastSeen", release.lastSeen());
            item.put("eventCount", release.eventCount());
            Json.putTime(item, "lastDeployAt", release.lastDeployAt());
        }
        return Reply.ok(Json.object().set("items", items));
    }

    Reply deploys(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        ArrayNode items = Json.array();
        for (DeployRecord deploy : store.deploys(project.id())) {
            ObjectNode item = items.addObject();
            item.put("id", deploy.id());
            item.put("projectSlug", project.slug());
            item.put("environment", deploy.environment());
            item.put("revision", deploy.revision());
            Json.putText(item, "user", deploy.user());
            Json.putText(item, "comment", deploy.comment());
            Json.putText(item, "status", deploy.status());
            Json.putTime(item, "deployedAt", deploy.deployedAt());
        }
        return Reply.ok(Json.object().set("items", items));
    }

    /** Metadata only, newest upload first; the content (a whole source map) is never part of a list. */
    Reply artifacts(Caller caller, ServerRequest req) throws Exception {
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        ArrayNode items = Json.array();
        for (ArtifactRecord artifact : store.artifacts(project.id())) {
            ObjectNode item = items.addObject();
            item.put("id", artifact.id());
            item.put("projectSlug", project.slug());
            item.put("kind", artifact.kind());
            item.put("version", artifact.version());
            item.put("name", artifact.name());
            item.put("size", artifact.size());
            item.put("sha256", artifact.sha256());
            Json.putTime(item, "createdAt", artifact.createdAt());
        }
        return Reply.ok(Json.object().set("items", items));
    }

    /** Answers the token itself once; the store keeps only its hash, so it cannot be shown again. */
    Reply createToken(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("create tokens");
        ProjectRecord project = new VisibleRecords(store, caller).project(Params.slug(req));
        String label = RequestBody.read(req, TOKEN_EXAMPLE)
                .text("label")
                .filter(text -> !text.isEmpty())
                .orElseThrow(() -> ApiException.invalidPayload(
                        "'label' is required: a non-empty string that says what the token is for, e.g. "
                                + TOKEN_EXAMPLE));
        if (label.length() > MAX_LABEL_LENGTH) {
            throw ApiException.invalidPayload(
                    "'label' must be at most " + MAX_LABEL_LENGTH + " characters, was " + label.length());
        }
        String token = tokens.generate();
        store.createApiToken(project.id(), ApiTokens.hashHex(token), label, clock.instant());
        ObjectNode body = Json.object();
        body.put("token", token);
        body.put("projectSlug", project.slug());
        body.put("label", label);
        return Reply.created(body);
    }
}
