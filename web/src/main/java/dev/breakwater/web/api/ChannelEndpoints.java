package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.alert.ChannelDraft;
import dev.breakwater.web.ui.alert.ChannelSecrets;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;

/**
 * Notification channels: {@code GET|POST /notification-channels}, {@code PATCH|DELETE /notification-channels/{id}},
 * for the admin token only (a project token gets 403: channels serve every project, and their targets and secrets are
 * credentials).
 *
 * <pre>
 * GET /notification-channels → 200 {"items": [channel...]}, by id
 *
 * POST /notification-channels {"name": "ops hook", "kind": "webhook" | "slack" | "email",
 *                              "target": "https://hooks.example.com/breakwater" | "ops@example.com"}
 *   → 201 channel; a webhook's signing secret is made by the server (32 random bytes, URL-safe base64)
 *   → 400 invalid_payload naming the field (webhook and slack need an http(s) URL with a host, email an address)
 *
 * PATCH /notification-channels/{id} {"enabled": false}
 *   → 200 channel; disabling cancels its pending deliveries and nothing new is queued for it until it is enabled
 *   → 400 invalid_payload without "enabled"; 404 not_found for an unknown id
 *
 * DELETE /notification-channels/{id} → 204; its pending deliveries are cancelled (kept in the alerts' history, never
 *   sent) and it is taken out of the rules that notified it; 404 not_found for an unknown id
 *
 * channel = {"id": 1, "name": "...", "kind": "webhook", "target": "...", "secret": "..." | null (not a webhook),
 *            "enabled": true, "createdAt": time}
 * </pre>
 *
 * Thread-safe.
 */
final class ChannelEndpoints {
    private static final String CHANNEL_EXAMPLE =
            "{\"name\": \"ops hook\", \"kind\": \"webhook\", \"target\": \"https://hooks.example.com/breakwater\"}";

    private static final String ENABLED_EXAMPLE = "{\"enabled\": false}";

    private final Store store;
    private final Clock clock;
    private final ChannelSecrets secrets;

    ChannelEndpoints(Store store, Clock clock, ChannelSecrets secrets) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    Reply list(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("see notification channels");
        ArrayNode items = Json.array();
        for (ChannelRecord channel : store.channels()) {
            items.add(json(channel));
        }
        return Reply.ok(Json.object().set("items", items));
    }

    Reply create(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("create notification channels");
        RequestBody body = RequestBody.read(req, CHANNEL_EXAMPLE);
        ChannelDraft draft = new ChannelDraft(body.text("name").orElse(""), body.text("kind").orElse(""),
                body.text("target").orElse(""));
        NewChannel channel;
        try {
            channel = draft.toNewChannel(secrets, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidPayload(e.getMessage() + "; e.g. " + CHANNEL_EXAMPLE);
        }
        return Reply.created(json(store.createChannel(channel)));
    }

    Reply update(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("change notification channels");
        long id = Params.id(req, "channel");
        boolean enabled = RequestBody.read(req, ENABLED_EXAMPLE).flag("enabled").orElseThrow(
                () -> ApiException.invalidPayload("'enabled' (true or false) is required, e.g. " + ENABLED_EXAMPLE));
        ChannelRecord updated = store.setChannelEnabled(id, enabled).orElseThrow(() -> notFound(id));
        return Reply.ok(json(updated));
    }

    Reply delete(Caller caller, ServerRequest req) throws Exception {
        caller.requireAdmin("delete notification channels");
        long id = Params.id(req, "channel");
        if (!store.deleteChannel(id)) {
            throw notFound(id);
        }
        return Reply.noContent();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("there is no notification channel " + id);
    }

    static ObjectNode json(ChannelRecord channel) {
        ObjectNode node = Json.object();
        node.put("id", channel.id());
        node.put("name", channel.name());
        node.put("kind", channel.kind());
        node.put("target", channel.target());
        if (channel.kind().equals(ChannelDraft.WEBHOOK)) {
            node.put("secret", channel.secret());
        } else {
            node.putNull("secret");
        }
        node.put("enabled", channel.enabled());
        Json.putTime(node, "createdAt", channel.createdAt());
        return node;
    }
}
