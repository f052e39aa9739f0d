package dev.breakwater.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.model.CanonicalEvent;
import dev.breakwater.model.DecodeContext;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.store.EventSummary;
import dev.breakwater.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredEventDocumentTest {
    private static final byte[] JSON = "{\"eventId\": \"e1\", \"raw\": {\"message\": \"h\u00e9\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void rebuildsTheCanonicalDocumentOfAStoredEvent() throws Exception {
        String json = "{\"event_id\":\"0123456789abcdef0123456789abcdef\",\"platform\":\"java\","
                + "\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"cart is empty\"}]}}";
        CanonicalEvent event = RecordDecoder.decode("sentry-store", json.getBytes(StandardCharsets.UTF_8),
                new DecodeContext("n1", 1, Instant.EPOCH)).getFirst();
        ObjectNode document =
                StoredEventDocument.parse(stored(DocumentCodec.encode(dev.breakwater.model.EventDocument.stored(event)),
                        DocumentCodec.STORED_EVENT));
        assertThat(document.path("exceptions").path(0).path("value").asText()).isEqualTo("cart is empty");
        assertThat(document.path("raw").path("platform").asText()).isEqualTo("java");
        assertThat(document.path("eventId").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void readsDocumentsAsThePipelineWritesThem() {
        assertThat(StoredEventDocument.parse(stored(DocumentCodec.encode(JSON), DocumentCodec.ENCODING)).path("raw")
                        .path("message").asText())
                .isEqualTo("h\u00e9");
    }

    @Test
    void readsDeflatedDocuments() {
        assertThat(StoredEventDocument.parse(stored(ShopData.deflate(JSON), "deflate")).path("raw").path("message").asText())
                .isEqualTo("h\u00e9");
    }

    @Test
    void readsPlainDocuments() {
        assertThat(StoredEventDocument.parse(stored(JSON, "identity")).path("eventId").asText()).isEqualTo("e1");
    }

    @Test
    void refusesWhatThePipelineDoesNotWrite() {
        assertThatThrownBy(() -> StoredEventDocument.parse(stored(JSON, "zstd"))).hasMessageContaining("zstd");
        assertThatThrownBy(() -> StoredEventDocument.parse(stored(JSON, "deflate"))).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> StoredEventDocument.parse(stored("[1]".getBytes(StandardCharsets.UTF_8), "identity")))
                .hasMessageContaining("not a JSON object");
    }

    private static StoredEvent stored(byte[] document, String encoding) {
        EventSummary summary = new EventSummary("0123456789abcdef0123456789abcdef", 1, 2, Instant.EPOCH, Instant.EPOCH,
                "error", "boom", Optional.empty(), Optional.empty());
        return new StoredEvent(summary, document, encoding);
    }
}
