package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.model.DecodeException;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.model.EventDocument;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.model.StoredDocument;
import dev.breakwater.store.StoredEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * The canonical event document of a stored event: rebuilt from the record it arrived in (a {@link StoredDocument} kept
 * as received) or from its stored source and original JSON ({@link DocumentCodec#STORED_EVENT}), the two forms the
 * pipeline writes, or read as stored (a canonical document, compressed or not). The read API and the UI's issue page
 * show events through it. Stateless.
 */
public final class StoredEventDocument {
    private StoredEventDocument() {}

    /** @throws IllegalStateException when the stored bytes cannot be read: the store holds something it should not */
    public static ObjectNode parse(StoredEvent event) {
        String eventId = event.summary().eventId();
        try {
            String encoding = event.documentEncoding();
            byte[] bytes = DocumentCodec.decode(encoding, event.document());
            Optional<String> receivedSource = DocumentCodec.receivedSource(encoding);
            if (receivedSource.isPresent()) {
                bytes = EventDocument.toJson(RecordDecoder.fromReceived(
                        receivedSource.get(), bytes, eventId, event.summary().receivedAt()));
            } else if (DocumentCodec.isStoredEvent(encoding)) {
                bytes = EventDocument.toJson(
                        RecordDecoder.fromStored(bytes, eventId, event.summary().receivedAt()));
            }
            JsonNode document = Json.MAPPER.readTree(bytes);
            if (document instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("event " + eventId + ": the stored document is not a JSON object");
        } catch (IOException | DecodeException e) {
            throw new IllegalStateException(
                    "event " + eventId + ": the stored document cannot be decoded: " + e.getMessage(), e);
        }
    }
}
