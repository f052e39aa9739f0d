package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The JSON conventions of the read API: times as RFC 3339 UTC strings, absent optionals as {@code null} (never an
 * omitted field, so clients can rely on every documented field being there). Thread-safe.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static void putTime(ObjectNode node, String field, Instant instant) {
        node.put(field, time(instant));
    }

    static void putTime(ObjectNode node, String field, Optional<Instant> instant) {
        if (instant.isPresent()) {
            putTime(node, field, instant.get());
        } else {
            node.putNull(field);
        }
    }

    static void putText(ObjectNode node, String field, Optional<String> text) {
        if (text.isPresent()) {
            node.put(field, text.get());
        } else {
            node.putNull(field);
        }
    }

    /** {@code {"items": [...], "nextCursor": ...}}, the shape of every paged list. */
    static ObjectNode page(ArrayNode items, Optional<String> nextCursor) {
        ObjectNode page = object();
        page.set("items", items);
        putText(page, "nextCursor", nextCursor);
        return page;
    }
}
