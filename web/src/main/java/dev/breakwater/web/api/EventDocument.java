package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.store.StoredEvent;
import java.io.IOException;

/** Reads the canonical event document the pipeline stored: UTF-8 JSON compressed by {@link DocumentCodec}. Stateless. */
final class EventDocument {
    private EventDocument() {}

    /** @throws IllegalStateException when the stored bytes cannot be read: the store holds something it should not */
    static ObjectNode parse(StoredEvent event) {
        String eventId = event.summary().eventId();
        try {
            JsonNode document = Json.MAPPER.readTree(DocumentCodec.decode(event.documentEncoding(), event.document()));
            if (document instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("event " + eventId + ": the stored document is not a JSON object");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "event " + eventId + ": the stored document cannot be decoded: " + e.getMessage(), e);
        }
    }
}
