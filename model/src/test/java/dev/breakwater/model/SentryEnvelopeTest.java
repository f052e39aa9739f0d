package dev.breakwater.model;

import static dev.breakwater.model.Payloads.CTX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.model.Payloads.EnvelopeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentryEnvelopeTest {
    private static final String HEADER =
            "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b@sentry.io/42\","
                    + "\"sent_at\":\"2025-03-14T09:26:54.000Z\"}";

    private static List<CanonicalEvent> decode(byte[] envelope) throws DecodeException {
        return RecordDecoder.decode("sentry-envelope", envelope, CTX);
    }

    private static List<CanonicalEvent> decode(String envelope) throws DecodeException {
        return decode(envelope.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventItemWithLength() throws Exception {
        byte[] envelope = new EnvelopeBuilder(HEADER)
                .item("event", Payloads.bytes("sentry-java-event.json"), true).build();
        List<CanonicalEvent> events = decode(envelope);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().source()).isEqualTo("sentry-envelope");
        // the header's id wins over the event's own (PROTOCOLS.md A.4): it is the id ingest answered the SDK with
        assertThat(events.getFirst().eventId()).isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(events.getFirst().exceptions()).hasSize(2);
    }

    @Test
    void eventItemWithoutLengthAndTrailingNewline() throws Exception {
        byte[] envelope = new EnvelopeBuilder(HEADER)
                .item("event", Payloads.text("javascript-event.json"), false).raw("\n").build();
        assertThat(decode(envelope)).singleElement()
                .satisfies(e -> assertThat(e.platform()).isEqualTo("javascript"));
    }

    @Test
    void attachmentItemsAreSkippedWhateverTheyHold() throws Exception {
        byte[] envelope = new EnvelopeBuilder(HEADER)
                .item("attachment", "line one\r\n{\"not\":\"json\"\nmore\n", true)
                .item("event", "{\"message\":\"after the attachment\"}", true)
                .item("client_report", "{\"discarded_events\":[]}", false)
                .item("some_future_type", new byte[] {0, 1, 2, '\n', 3}, true)
                .build();
        assertThat(decode(envelope)).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("after the attachment"));
    }

    @Test
    void envelopeWithoutEventsIsEmpty() throws Exception {
        assertThat(decode(new EnvelopeBuilder(HEADER).item("attachment", "abc", true).build())).isEmpty();
        assertThat(decode("{}")).isEmpty();
        assertThat(decode("{}\n")).isEmpty();
        // two empty attachments, as in the protocol's own examples
        assertThat(decode("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"attachment\",\"length\":0}\n\n"
                + "{\"type\":\"attachment\",\"length\":0}\n\n")).isEmpty();
    }

    @Test
    void implicitLengthRunsToEndOfFile() throws Exception {
        assertThat(decode(HEADER + "\n{\"type\":\"event\"}\n{\"message\":\"eof\"}")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("eof"));
    }

    @Test
    void headerEventIdIsUsedWhenTheEventHasNone() throws Exception {
        List<CanonicalEvent> events = decode(new EnvelopeBuilder(
                "{\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\"}").item("event", "{}", true).build());
        assertThat(events.getFirst().eventId()).isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
    }

    @Test
    void secondEventOfOneRecordGetsADistinctDeterministicId() throws Exception {
        byte[] envelope = new EnvelopeBuilder("{}").item("event", "{}", true).item("event", "{}", false).build();
        List<CanonicalEvent> events = decode(envelope);
        assertThat(events).extracting(CanonicalEvent::eventId).containsExactly(
                DerivedIds.eventId("n1", 42), DerivedIds.eventId("n1", 42, 1));
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
        assertThat(decode(envelope)).extracting(CanonicalEvent::eventId)
                .isEqualTo(events.stream().map(CanonicalEvent::eventId).toList());
    }

    @Test
    void lengthPastTheEndIsMalformed() {
        assertThatThrownBy(() -> decode(HEADER + "\n{\"type\":\"event\",\"length\":500}\n{}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("sentry-envelope: item 1 (event) declares length 500 but only 2 bytes follow its header");
    }

    @Test
    void payloadNotFollowedByNewlineIsMalformed() {
        assertThatThrownBy(() -> decode(HEADER + "\n{\"type\":\"attachment\",\"length\":2}\nabc\n"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("payload of 2 bytes is not followed by a newline");
    }

    @Test
    void framingErrors() {
        assertThatThrownBy(() -> decode(new byte[0])).hasMessageContaining("envelope is empty");
        assertThatThrownBy(() -> decode("not json\n")).hasMessageStartingWith(
                "sentry-envelope: envelope header is not valid JSON");
        assertThatThrownBy(() -> decode("[]\n")).hasMessageContaining("envelope header must be a JSON object");
        assertThatThrownBy(() -> decode("{\"event_id\":\"nope\"}\n"))
                .hasMessageContaining("envelope header event_id is not 32 hex digits: 'nope'");
        assertThatThrownBy(() -> decode("{}\n{\"length\":2}\nab"))
                .hasMessageContaining("item 1 header has no type");
        assertThatThrownBy(() -> decode("{}\n{\"type\":7}\nab")).hasMessageContaining("item 1 header has no type");
        assertThatThrownBy(() -> decode("{}\nattachment\nab")).hasMessageContaining("item 1 header is not valid JSON");
        assertThatThrownBy(() -> decode("{}\n{\"type\":\"attachment\",\"length\":-1}\n"))
                .hasMessageContaining("length must be a non-negative integer, was the number -1");
        assertThatThrownBy(() -> decode("{}\n{\"type\":\"attachment\",\"length\":\"3\"}\nabc"))
                .hasMessageContaining("length must be a non-negative integer");
        assertThatThrownBy(() -> decode("{}\n{\"type\":\"event\"}\n"))
                .hasMessage("sentry-envelope: item 1 (event) payload is empty");
        assertThatThrownBy(() -> decode("{}\n{\"type\":\"event\"}\n{\"a\":"))
                .hasMessageStartingWith("sentry-envelope: item 1 (event) payload is not valid JSON");
        assertThatThrownBy(() -> decode("{}\n{\"type\":\"event\"}\n{\"event_id\":\"xyz\"}"))
                .hasMessage("sentry-envelope: item 1 (event): event_id is not 32 hex digits: 'xyz'");
    }
}
