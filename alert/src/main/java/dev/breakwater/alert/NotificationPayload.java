package dev.breakwater.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JSON document of a notification, as queued in the outbox and as the generic webhook posts it:
 *
 * <pre>{@code
 * {"delivery": "fired",
 *  "alert": {"id": 12, "key": "rule:3:frequency", "title": "...", "details": "...", "state": "firing", "step": 0,
 *            "openedAt": "2026-11-20T10:00:00Z", "url": "https://breakwater.example/alerts/12"},
 *  "project": 4,
 *  "sentAt": "2026-11-20T10:00:01Z"}
 * }</pre>
 *
 * <p>The outbox copy is written in the same transaction as the alert change, before a new alert has its id, so it
 * carries {@code id} 0 and no {@code url}; {@link #forSending} completes both from the delivery row and stamps
 * {@code sentAt} with the time of the attempt. {@code project} is null for Breakwater's own alerts.
 * Thread-safe (stateless).
 */
public final class NotificationPayload {
    public static final String FIRED = "fired";
    public static final String ESCALATED = "escalated";
    public static final String RENOTIFIED = "renotified";
    public static final String RESOLVED = "resolved";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationPayload() {}

    /** The outbox payload of a notification of {@code kind} about {@code alert} as it is after the change. */
    public static String of(String kind, AlertRecord alert, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("delivery", kind);
        ObjectNode node = root.putObject("alert");
        node.put("id", alert.id());
        node.put("key", alert.dedupKey());
        node.put("title", alert.title());
        node.put("details", alert.details());
        node.put("state", alert.state());
        node.put("step", alert.step());
        node.put("openedAt", alert.openedAt().toString());
        if (alert.projectId().isPresent()) {
            root.put("project", alert.projectId().get());
        } else {
            root.putNull("project");
        }
        root.put("sentAt", at.toString());
        return write(root);
    }

    /**
     * The notification to send for a delivery: its payload with the alert id, the link into the UI when
     * {@code publicUrl} is known, and {@code sentAt}.
     *
     * @throws IllegalArgumentException when the payload is not a notification document (it will never send)
     */
    public static Notification forSending(DeliveryRecord delivery, Optional<URI> publicUrl, Instant sentAt) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(delivery.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " has a payload that is not JSON", e);
        }
        if (!(parsed instanceof ObjectNode root) || !(root.get("alert") instanceof ObjectNode alert)) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " has no alert in its payload");
        }
        alert.put("id", delivery.alertId());
        Optional<String> url = publicUrl.map(base -> link(base, delivery.alertId()));
        url.ifPresent(link -> alert.put("url", link));
        root.put("sentAt", sentAt.toString());
        JsonNode project = root.path("project");
        Instant openedAt;
        try {
            openedAt = Instant.parse(text(alert, "openedAt", sentAt.toString()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " has a malformed openedAt", e);
        }
        return new Notification(
                delivery.id(),
                text(root, "delivery", delivery.kind()),
                delivery.alertId(),
                text(alert, "key", ""),
                text(alert, "title", ""),
                text(alert, "details", ""),
                text(alert, "state", ""),
                alert.path("step").asInt(0),
                openedAt,
                url,
                project.isIntegralNumber() ? Optional.of(project.asLong()) : Optional.empty(),
                sentAt,
                write(root));
    }

    /** The alert's page in the UI under {@code publicUrl}. */
    static String link(URI publicUrl, long alertId) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "alerts/" + alertId;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }
}
