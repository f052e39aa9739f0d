package dev.breakwater.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.model.DocumentCodec;
import dev.breakwater.store.EventSummary;
import dev.breakwater.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventDocumentTest {
    private static final byte[] JSON = "{\"eventId\": \"e1\", \"raw\": {\"message\": \"h\u00e9\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsDocumentsAsThePipelineWritesThem() {
        assertThat(EventDocument.parse(stored(DocumentCodec.encode(JSON), DocumentCodec.ENCODING)).path("raw")
                        .path("message").asText())
                .isEqualTo("h\u00e9");
    }

    @Test
    void readsDeflatedDocuments() {
        assertThat(EventDocument.parse(stored(ShopData.deflate(JSON), "deflate")).path("raw").path("message").asText())
                .isEqualTo("h\u00e9");
    }

    @Test
    void readsPlainDocuments() {
        assertThat(EventDocument.parse(stored(JSON, "identity")).path("eventId").asText()).isEqualTo("e1");
    }

    @Test
    void refusesWhatThePipelineDoesNotWrite() {
        assertThatThrownBy(() -> EventDocument.parse(stored(JSON, "zstd"))).hasMessageContaining("zstd");
        assertThatThrownBy(() -> EventDocument.parse(stored(JSON, "deflate"))).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> EventDocument.parse(stored("[1]".getBytes(StandardCharsets.UTF_8), "identity")))
                .hasMessageContaining("not a JSON object");
    }

    private static StoredEvent stored(byte[] document, String encoding) {
        EventSummary summary = new EventSummary("0123456789abcdef0123456789abcdef", 1, 2, Instant.EPOCH, Instant.EPOCH,
                "error", "boom", Optional.empty(), Optional.empty());
        return new StoredEvent(summary, document, encoding);
    }
}
