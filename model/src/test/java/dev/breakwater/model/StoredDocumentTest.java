package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testing.Gzip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which events are kept as the record they arrived in, and that reading them back gives the event the pipeline
 * decoded, under the id and receive time it was stored with.
 */
class StoredDocumentTest {
    private static final DecodeContext CTX = new DecodeContext("n1", 42, Instant.parse("2026-11-23T10:00:00Z"));
    private static final String EVENT = Payloads.text("sentry-java-event.json");

    @Test
    void aGzippedEnvelopeOfOneEventIsKeptAsItArrived() throws Exception {
        byte[] envelope = utf8("{\"event_id\":\"fedcba9876543210fedcba9876543210\",\"dsn\":\"http://k@h/1\"}\n"
                + "{\"type\":\"event\",\"length\":" + utf8(EVENT).length + "}\n" + EVENT + "\n");
        byte[] received = gzip(envelope);

        CanonicalEvent event = RecordDecoder.decode("sentry-envelope", envelope, CTX).getFirst();
        List<StoredDocument> documents = StoredDocument.of("sentry-envelope", "gzip", received, envelope.length,
                List.of(event));

        assertThat(documents).hasSize(1);
        assertThat(documents.getFirst().bytes()).isSameAs(received);
        assertThat(documents.getFirst().encoding()).isEqualTo("gzip+sentry-envelope");
        assertThat(DocumentCodec.receivedSource("gzip+sentry-envelope")).contains("sentry-envelope");
        assertSameDocument(read(documents.getFirst(), event.eventId(), event.receivedAt()), event);
    }

    @Test
    void aGzippedStoreBodyIsKeptAsItArrivedAndReadBackUnderItsStoredIdAndTime() throws Exception {
        // no event_id: the pipeline derived one from the spool record, which cannot be derived again when reading
        String json = "{\"message\":\"user 7 failed\",\"level\":\"warning\",\"platform\":\"java\"}";
        CanonicalEvent event = RecordDecoder.decode("sentry-store", utf8(json), CTX).getFirst();
        List<StoredDocument> documents =
                StoredDocument.of("sentry-store", "x-gzip", gzip(utf8(json)), utf8(json).length, List.of(event));

        assertThat(documents.getFirst().encoding()).isEqualTo("gzip+sentry-store");
        CanonicalEvent rebuilt = read(documents.getFirst(), event.eventId(), event.receivedAt());
        assertThat(rebuilt.eventId()).isEqualTo(event.eventId());
        assertThat(rebuilt.receivedAt()).isEqualTo(CTX.receivedAt());
        assertSameDocument(rebuilt, event);
    }

    @Test
    void recordsThatAreMoreThanOneEventAreKeptAsEachEventsOwnDocument() throws Exception {
        String attachment = "x".repeat(StoredDocument.MAX_FRAMING_BYTES);
        byte[] withAttachment = utf8("{}\n{\"type\":\"event\"}\n" + EVENT + "\n{\"type\":\"attachment\",\"length\":"
                + attachment.length() + "}\n" + attachment + "\n");
        byte[] twoEvents = utf8("{}\n{\"type\":\"event\"}\n" + EVENT + "\n{\"type\":\"event\"}\n" + EVENT + "\n");
        byte[] oneEvent = utf8("{}\n{\"type\":\"event\"}\n" + EVENT + "\n");

        assertKeptAsStoredEvents("sentry-envelope", "gzip", withAttachment, 1);
        assertKeptAsStoredEvents("sentry-envelope", "gzip", twoEvents, 2);
        // not gzip: as it arrived it would be larger than LZ4, or not compressed at all
        assertKeptAsStoredEvents("sentry-envelope", "identity", oneEvent, 1);
        assertKeptAsStoredEvents("sentry-envelope", "br", oneEvent, 1);
        // a Rollbar item carries its access token, which the store must not keep
        byte[] item = utf8("{\"access_token\":\"secret\",\"data\":{\"body\":{\"message\":{\"body\":\"hi\"}}}}");
        List<StoredDocument> rollbar = assertKeptAsStoredEvents("rollbar-item", "gzip", item, 1);
        assertThat(new String(DocumentCodec.decode(rollbar.getFirst().encoding(), rollbar.getFirst().bytes()),
                StandardCharsets.UTF_8)).doesNotContain("secret");
    }

    @Test
    void damagedRecordsKeptAsReceivedAreErrorsNamingWhy() throws Exception {
        byte[] received = gzip(utf8("{}\n{\"type\":\"event\"}\n" + EVENT + "\n"));
        assertThatThrownBy(() -> DocumentCodec.decode("gzip+sentry-envelope",
                Arrays.copyOf(received, received.length / 2))).isInstanceOf(IOException.class);

        String id = "0123456789abcdef0123456789abcdef";
        Instant at = CTX.receivedAt();
        assertThatThrownBy(() -> RecordDecoder.fromReceived("sentry-envelope", utf8("{}\n{\"type\":\"session\"}\n{}"), id, at))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("0 events");
        assertThatThrownBy(() -> RecordDecoder.fromReceived("otlp", utf8("{}"), id, at))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown source");
        assertThat(DocumentCodec.receivedSource(DocumentCodec.STORED_EVENT)).isEmpty();
    }

    private static List<StoredDocument> assertKeptAsStoredEvents(String source, String encoding, byte[] body,
            int events) throws Exception {
        List<CanonicalEvent> decoded = RecordDecoder.decode(source, body, CTX);
        assertThat(decoded).hasSize(events);
        List<StoredDocument> documents = StoredDocument.of(source, encoding, gzip(body), body.length, decoded);
        assertThat(documents).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(documents.get(i).encoding()).as(source + " as " + encoding).isEqualTo(DocumentCodec.STORED_EVENT);
            CanonicalEvent event = decoded.get(i);
            assertSameDocument(RecordDecoder.fromStored(
                    DocumentCodec.decode(DocumentCodec.STORED_EVENT, documents.get(i).bytes()),
                    event.eventId(), event.receivedAt()), event);
        }
        return documents;
    }

    private static CanonicalEvent read(StoredDocument document, String eventId, Instant receivedAt) throws Exception {
        String source = DocumentCodec.receivedSource(document.encoding()).orElseThrow();
        return RecordDecoder.fromReceived(source, DocumentCodec.decode(document.encoding(), document.bytes()),
                eventId, receivedAt);
    }

    private static void assertSameDocument(CanonicalEvent rebuilt, CanonicalEvent event) throws Exception {
        assertThat(Json.MAPPER.readTree(EventDocument.toJson(rebuilt)))
                .isEqualTo(Json.MAPPER.readTree(EventDocument.toJson(event)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        return Gzip.compress(bytes);
    }
}
