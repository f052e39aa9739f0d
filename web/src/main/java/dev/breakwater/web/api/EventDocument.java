package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.StoredEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads the canonical event document the pipeline stored: UTF-8 JSON, either as is ({@code identity}) or zlib-wrapped
 * deflate ({@code deflate}, as {@link java.util.zip.Deflater} writes it by default). Stateless.
 */
final class EventDocument {
    private EventDocument() {}

    /** @throws IllegalStateException when the stored bytes cannot be read: the store holds something it should not */
    static ObjectNode parse(StoredEvent event) {
        String eventId = event.summary().eventId();
        try (InputStream in = open(event)) {
            JsonNode document = Json.MAPPER.readTree(in);
            if (document instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("event " + eventId + ": the stored document is not a JSON object");
        } catch (IOException e) {
            throw new IllegalStateException("event " + eventId + ": the stored document cannot be decoded", e);
        }
    }

    private static InputStream open(StoredEvent event) {
        InputStream bytes = new ByteArrayInputStream(event.document());
        return switch (event.documentEncoding()) {
            case "identity" -> bytes;
            case "deflate" -> new InflaterInputStream(bytes);
            default -> throw new IllegalStateException("event " + event.summary().eventId()
                    + ": unknown document encoding '" + event.documentEncoding() + "'");
        };
    }
}
