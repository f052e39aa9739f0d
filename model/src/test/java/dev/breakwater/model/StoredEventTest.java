package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the store keeps of an event (source and original JSON) rebuilds the same canonical document. */
class StoredEventTest {
    private static final DecodeContext CTX = new DecodeContext("n1", 42, Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void sentryEventsRebuildTheSameDocument() throws Exception {
        CanonicalEvent event = RecordDecoder.decode(
                "sentry-store", Payloads.bytes("sentry-java-event.json"), CTX).getFirst();
        assertSameDocument(event);
    }

    @Test
    void rollbarItemsRebuildTheSameDocumentWithTheirStoredId() throws Exception {
        // no uuid: the id was derived from the spool record, which the store does not keep; the stored id wins
        String item = "{\"access_token\":\"secret\",\"data\":{\"environment\":\"production\",\"body\":{\"trace\":{"
                + "\"frames\":[{\"filename\":\"Main.java\",\"method\":\"main\",\"class_name\":\"com.example.Main\"}],"
                + "\"exception\":{\"class\":\"java.lang.IllegalStateException\",\"message\":\"boom\"}}}}}";
        CanonicalEvent event = RecordDecoder.decode("rollbar-item", item.getBytes(StandardCharsets.UTF_8), CTX)
                .getFirst();
        assertSameDocument(event);
        assertThat(new String(EventDocument.stored(event), StandardCharsets.UTF_8)).doesNotContain("secret");
    }

    @Test
    void envelopeEventsRebuildTheSameDocument() throws Exception {
        String event = "{\"event_id\":\"0123456789abcdef0123456789abcdef\",\"message\":\"user 7 failed\",\"level\":\"warning\"}";
        byte[] envelope = ("{\"event_id\":\"fedcba9876543210fedcba9876543210\"}\n{\"type\":\"event\"}\n" + event + "\n")
                .getBytes(StandardCharsets.UTF_8);
        List<CanonicalEvent> events = RecordDecoder.decode("sentry-envelope", envelope, CTX);
        assertThat(events.getFirst().eventId()).isEqualTo("fedcba9876543210fedcba9876543210");
        assertSameDocument(events.getFirst());
    }

    @Test
    void damagedStoredEventsAreDecodeErrors() {
        Instant at = CTX.receivedAt();
        String id = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> RecordDecoder.fromStored("nope".getBytes(StandardCharsets.UTF_8), id, at))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> RecordDecoder.fromStored("{\"source\":\"otlp\",\"raw\":{}}".getBytes(StandardCharsets.UTF_8), id, at))
                .hasMessageContaining("unknown source");
        assertThatThrownBy(() -> RecordDecoder.fromStored("{\"source\":\"rollbar\"}".getBytes(StandardCharsets.UTF_8), id, at))
                .hasMessageContaining("no raw event");
    }

    private static void assertSameDocument(CanonicalEvent event) throws Exception {
        byte[] stored = DocumentCodec.decode(DocumentCodec.STORED_EVENT, DocumentCodec.encode(EventDocument.stored(event)));
        CanonicalEvent rebuilt = RecordDecoder.fromStored(stored, event.eventId(), event.receivedAt());
        assertThat(Json.MAPPER.readTree(EventDocument.toJson(rebuilt)))
                .isEqualTo(Json.MAPPER.readTree(EventDocument.toJson(event)));
    }
}
