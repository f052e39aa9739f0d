package dev.breakwater.web.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /api/v1/status} (API.md "Alerts and status"):
 * {@code {"overall", "components": [{"name", "status", "since"}], "incidents": [{"id", "title", "status", "updates":
 * [{"at", "status", "message"}]}]}}, plus per incident {@code component}, {@code openedAt} and {@code resolvedAt}
 * (null while open). Incidents are the open ones then those resolved in the last fourteen days, newest first; updates
 * newest first, as on the page. Operator names are left out: the document is public. Stateless.
 */
final class StatusJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {}

    static ObjectNode of(StatusReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("overall", report.overall().wireName());
        ArrayNode components = root.putArray("components");
        for (ComponentState state : report.components()) {
            ObjectNode component = components.addObject();
            component.put("name", state.component());
            component.put("status", state.status());
            component.put("since", time(state.since()));
        }
        ArrayNode incidents = root.putArray("incidents");
        for (IncidentRecord incident : report.incidents()) {
            ObjectNode item = incidents.addObject();
            item.put("id", incident.id());
            item.put("title", incident.title());
            item.put("status", incident.status());
            item.put("component", incident.component());
            item.put("openedAt", time(incident.openedAt()));
            if (incident.resolvedAt().isPresent()) {
                item.put("resolvedAt", time(incident.resolvedAt().get()));
            } else {
                item.putNull("resolvedAt");
            }
            ArrayNode updates = item.putArray("updates");
            for (IncidentRecord.Update update : incident.updates().reversed()) {
                ObjectNode entry = updates.addObject();
                entry.put("at", time(update.at()));
                entry.put("status", update.status());
                entry.put("message", update.message());
            }
        }
        return root;
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
