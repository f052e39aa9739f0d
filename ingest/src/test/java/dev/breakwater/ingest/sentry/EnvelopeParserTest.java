package dev.breakwater.ingest.sentry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.Lanes;
import java.nio.ByteBuffer;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
    private static final String EVENT_ID = "9ec79c33ec9942ab8353589fcb2e04dc";

    private final EnvelopeParser parser = new EnvelopeParser(EnvelopeLimits.defaults());

    // The "Full Examples" of Sentry's envelope documentation (develop.sentry.dev, sdk/envelopes).

    @Test
    void attachmentWithCarriageReturnInsideItsExplicitLengthAndAnEvent() throws Exception {
        String text =
                "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42\"}\n"
                    + "{\"type\":\"attachment\",\"length\":10,\"content_type\":\"text/plain\",\"filename\":\"hello.txt\"}\n"
                    + "\uFEFFHello\r\n\n"
                    + "{\"type\":\"event\",\"length\":41,\"content_type\":\"application/json\",\"filename\":\"application.log\"}\n"
                    + "{\"message\":\"hello world\",\"level\":\"error\"}\n";
        Envelope envelope = parse(text);

        assertThat(envelope.eventId()).contains(EVENT_ID);
        assertThat(envelope.header().dsn()).contains("https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("attachment", "event");
        EnvelopeItem attachment = envelope.items().get(0);
        assertThat(payload(envelope, attachment)).isEqualTo("\uFEFFHello\r\n");
        assertThat(attachment.payloadLength()).isEqualTo(10);
        assertThat(attachment.explicitLength()).isTrue();
        assertThat(attachment.contentType()).contains("text/plain");
        assertThat(attachment.filename()).contains("hello.txt");
        assertThat(attachment.attachmentType()).isEmpty();
        EnvelopeItem event = envelope.items().get(1);
        assertThat(payload(envelope, event)).isEqualTo("{\"message\":\"hello world\",\"level\":\"error\"}");
        assertThat(event.filename()).contains("application.log");
        assertThat(header(envelope, event))
                .isEqualTo(
                        "{\"type\":\"event\",\"length\":41,\"content_type\":\"application/json\",\"filename\":\"application.log\"}");
    }

    @Test
    void twoEmptyAttachments() throws Exception {
        Envelope envelope = parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n"
                + "{\"type\":\"attachment\",\"length\":0}\n"
                + "\n"
                + "{\"type\":\"attachment\",\"length\":0}\n"
                + "\n");
        assertThat(envelope.items()).hasSize(2).allSatisfy(item -> {
            assertThat(item.type()).isEqualTo("attachment");
            assertThat(item.payloadLength()).isZero();
            assertThat(item.explicitLength()).isTrue();
        });
    }

    @Test
    void implicitLengthEndsAtTheNextNewline() throws Exception {
        Envelope envelope = parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n"
                + "{\"type\":\"attachment\"}\n"
                + "helloworld\n");
        EnvelopeItem item = envelope.items().get(0);
        assertThat(payload(envelope, item)).isEqualTo("helloworld");
        assertThat(item.explicitLength()).isFalse();
    }

    @Test
    void implicitLengthEndsAtTheEndWithoutTrailingNewlineOrEnvelopeHeaders() throws Exception {
        Envelope envelope = parse("{}\n"
                + "{\"type\":\"session\"}\n"
                + "{\"started\": \"2020-02-07T14:16:00Z\",\"attrs\":{\"release\":\"sentry-test@1.0.0\"}}");
        assertThat(envelope.eventId()).isEmpty();
        assertThat(envelope.header().dsn()).isEmpty();
        assertThat(payload(envelope, envelope.items().get(0)))
                .isEqualTo("{\"started\": \"2020-02-07T14:16:00Z\",\"attrs\":{\"release\":\"sentry-test@1.0.0\"}}");
        assertThat(envelope.lanes()).containsExactly(Lanes.METRICS);
    }

    @Test
    void carriageReturnBeforeTheNewlineBelongsToAnImplicitPayload() throws Exception {
        Envelope envelope = parse("{}\n{\"type\":\"event\"}\n{\"a\":1}\r\n");
        assertThat(payload(envelope, envelope.items().get(0))).isEqualTo("{\"a\":1}\r");
    }

    @Test
    void explicitLengthPayloadMayEndTheEnvelopeWithoutNewline() throws Exception {
        Envelope envelope = parse("{}\n{\"type\":\"attachment\",\"length\":3}\nabc");
        assertThat(payload(envelope, envelope.items().get(0))).isEqualTo("abc");
    }

    @Test
    void headerOnlyEnvelopesAreValid() throws Exception {
        for (String text :
                new String[] {"{}", "{}\n", "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n", " { } \n\n"}) {
            Envelope envelope = parse(text);
            assertThat(envelope.items()).as(text).isEmpty();
            assertThat(envelope.lanes()).isEmpty();
        }
    }

    @Test
    void headerKeepsItsRangeAndReadsSentAt() throws Exception {
        String header =
                "{\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\",\"sent_at\":\"2024-05-01T10:00:00.000Z\","
                    + "\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.0.0\",\"packages\":[{\"name\":\"x\"}]},\"trace\":{\"trace_id\":\"abc\"},\"future\":[1,{}]}";
        byte[] bytes = ("xx" + header + "\n{\"type\":\"event\"}\n{}\n").getBytes(UTF_8);
        Envelope envelope = parser.parse(bytes, 2, bytes.length - 2);
        assertThat(envelope.eventId()).contains(EVENT_ID);
        assertThat(envelope.header().sentAt()).contains("2024-05-01T10:00:00.000Z");
        assertThat(envelope.header().offset()).isEqualTo(2);
        assertThat(new String(
                        bytes, envelope.header().offset(), envelope.header().length(), UTF_8))
                .isEqualTo(header);
        assertThat(envelope.offset()).isEqualTo(2);
        assertThat(envelope.bytes()).isSameAs(bytes);
    }

    @Test
    void blankLinesBetweenItemsAreSkippedAsRelayDoes() throws Exception {
        Envelope envelope =
                parse("{}\n\n\r\n{\"type\":\"event\"}\n{}\n\n\n{\"type\":\"attachment\",\"length\":1}\nx\n\n");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("event", "attachment");
    }

    @Test
    void unknownItemTypesAreKeptAndRoutedToEvents() throws Exception {
        Envelope envelope = parse("{}\n"
                + "{\"type\":\"hologram\",\"length\":2,\"exotic\":{\"nested\":[1,2]}}\n"
                + "hi\n"
                + "{\"type\":\"Event\"}\n"
                + "{}\n");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("hologram", "Event");
        assertThat(envelope.items()).extracting(EnvelopeItem::lane).containsOnly(Lanes.EVENTS);
        assertThat(envelope.items()).extracting(EnvelopeItem::dataCategory).containsOnly("default");
    }

    @Test
    void nullFieldsReadAsAbsent() throws Exception {
        Envelope envelope = parse(
                "{\"event_id\":null,\"dsn\":null}\n{\"type\":\"attachment\",\"length\":null,\"filename\":null}\nab\n");
        assertThat(envelope.eventId()).isEmpty();
        EnvelopeItem item = envelope.items().get(0);
        assertThat(item.explicitLength()).isFalse();
        assertThat(item.filename()).isEmpty();
        assertThat(payload(envelope, item)).isEqualTo("ab");
    }

    @Test
    void lengthPastTheEndIsInvalidAndSaysByHowMuch() {
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":20}\nhello world",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 (type attachment) declares length 20 but only 11 bytes follow");
        assertRefused(
                "{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"attachment\",\"length\":512}",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 2 (type attachment) declares length 512 but only 0 bytes follow");
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":99999999999}\nx",
                DiscardReason.INVALID_ENVELOPE,
                "declares length 99999999999 but only 1 bytes follow");
    }

    @Test
    void explicitPayloadMustBeFollowedByNewlineOrTheEnd() {
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":3}\nabcd\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 (type attachment) declares length 3 but its payload is followed by byte 0x64 instead"
                        + " of a newline");
    }

    @Test
    void headerLinesMustBeJsonObjects() {
        assertRefused("", DiscardReason.INVALID_ENVELOPE, "envelope is empty");
        assertRefused("\n{\"type\":\"event\"}\n{}", DiscardReason.INVALID_ENVELOPE, "envelope header is an empty line");
        assertRefused("[]\n", DiscardReason.INVALID_ENVELOPE, "envelope header must be a JSON object, not an array");
        assertRefused(
                "{\"event_id\":}\n",
                DiscardReason.INVALID_JSON,
                "envelope header is not valid JSON at column 13: Unexpected character");
        assertRefused(
                "{} {}\n",
                DiscardReason.INVALID_JSON,
                "envelope header has an object after its JSON object, at column 4");
        assertRefused(
                "{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"event\n{}",
                DiscardReason.INVALID_JSON,
                "envelope item 2 header is not valid JSON at column");
        assertRefused(
                "{}\n\"event\"\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header must be a JSON object, not a string");
        assertRefused(
                "{}\n{\"type\":\"event\"\n", DiscardReason.INVALID_JSON, "envelope item 1 header is not valid JSON");
    }

    @Test
    void itemHeadersNeedAStringType() {
        assertRefused("{}\n{\"length\":2}\nab\n", DiscardReason.INVALID_ENVELOPE, "envelope item 1 header has no type");
        assertRefused("{}\n{\"type\":\"\"}\n\n", DiscardReason.INVALID_ENVELOPE, "envelope item 1 header has no type");
        assertRefused(
                "{}\n{\"type\":7}\n\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header field type must be a string, not a number");
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"filename\":[\"a\"]}\n\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header field filename must be a string, not an array");
    }

    @Test
    void lengthMustBeANonNegativeInteger() {
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":-1}\n\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header field length must be a non-negative integer, not -1");
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":1.0}\nx\n",
                DiscardReason.INVALID_ENVELOPE,
                "field length must be a non-negative integer, not a number");
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":\"1\"}\nx\n",
                DiscardReason.INVALID_ENVELOPE,
                "field length must be a non-negative integer, not a string");
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":123456789012345678901234567890}\nx\n",
                DiscardReason.INVALID_ENVELOPE,
                "field length must be a non-negative integer");
    }

    @Test
    void keysIngestReadsMustNotRepeat() {
        assertRefused(
                "{}\n{\"type\":\"attachment\",\"length\":1,\"length\":2}\nab\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header has the key length twice");
        assertRefused(
                "{\"sent_at\":\"a\",\"sent_at\":\"b\"}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope header has the key sent_at twice");
        assertRefused(
                "{\"event_id\":null,\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope header has the key event_id twice");
    }

    @Test
    void eventIdMustBeAUuid() {
        assertRefused(
                "{\"event_id\":\"not-a-uuid\"}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope header event_id 'not-a-uuid' is not a UUID (32 hex digits, or 36 with dashes)");
        assertRefused(
                "{\"event_id\":42}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope header field event_id must be a string, not a number");
    }

    @Test
    void atMostOneEventOrTransaction() {
        assertRefused(
                "{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"attachment\"}\n\n{\"type\":\"event\"}\n{}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 3 (type event) is the second event or transaction; an envelope carries at most one"
                        + " (item 1 was the first)");
        assertRefused(
                "{}\n{\"type\":\"transaction\"}\n{}\n{\"type\":\"event\"}\n{}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 2 (type event) is the second event or transaction");
    }

    @Test
    void payloadsAreLimitedPerType() throws Exception {
        String event = "{}\n{\"type\":\"event\",\"length\":1048577}\n" + "x".repeat(1048577) + "\n";
        assertRefused(
                event,
                DiscardReason.TOO_LARGE,
                "envelope item 1 (type event) is 1048577 bytes, more than the 1048576 allowed for event items");
        String implicitCheckIn = "{}\n{\"type\":\"check_in\"}\n" + "x".repeat(100 * 1024 + 1) + "\n";
        assertRefused(
                implicitCheckIn,
                DiscardReason.TOO_LARGE,
                "envelope item 1 (type check_in) is 102401 bytes, more than the 102400 allowed for check_in items");
        // Exactly at the limit passes; attachments may be far larger than events.
        assertThat(parse("{}\n{\"type\":\"event\",\"length\":1048576}\n" + "x".repeat(1048576))
                        .items())
                .hasSize(1);
        assertThat(parse("{}\n{\"type\":\"attachment\",\"length\":3145728}\n" + "x".repeat(3145728))
                        .items())
                .hasSize(1);
    }

    @Test
    void headerLinesAreCapped() throws Exception {
        String padding = "x".repeat(8192 - "{\"a\":\"\"}".length());
        assertThat(parse("{\"a\":\"" + padding + "\"}\n").items()).isEmpty();
        assertRefused(
                "{\"a\":\"" + padding + "x\"}\n",
                DiscardReason.INVALID_ENVELOPE,
                "envelope header line is longer than 8192 bytes");
        assertRefused(
                "{}\n{\"type\":\"event\",\"pad\":\"" + padding + "\"}\n{}",
                DiscardReason.INVALID_ENVELOPE,
                "envelope item 1 header line is longer than 8192 bytes");
    }

    @Test
    void itemAndSessionCountsAreCapped() throws Exception {
        EnvelopeParser small = new EnvelopeParser(new EnvelopeLimits(8192, 3, 2, Map.of()));
        String three = "{}\n" + "{\"type\":\"client_report\"}\n{}\n".repeat(3);
        assertThat(small.parse(bytes(three), 0, bytes(three).length).items()).hasSize(3);
        String four = three + "{\"type\":\"client_report\"}\n{}\n";
        assertRefused(
                () -> small.parse(bytes(four), 0, bytes(four).length),
                DiscardReason.INVALID_ENVELOPE,
                "envelope has more than 3 items");
        String sessions = "{}\n{\"type\":\"session\"}\n{}\n{\"type\":\"sessions\"}\n{}\n{\"type\":\"session\"}\n{}\n";
        assertRefused(
                () -> small.parse(bytes(sessions), 0, bytes(sessions).length),
                DiscardReason.TOO_LARGE,
                "envelope has more than 2 session items");
        String manyDefaults = "{}\n" + "{\"type\":\"session\"}\n{}\n".repeat(101);
        assertRefused(manyDefaults, DiscardReason.TOO_LARGE, "envelope has more than 100 session items");
    }

    @Test
    void payloadViewIsReadOnlyAndExact() throws Exception {
        String text = "{}\n{\"type\":\"attachment\",\"length\":3}\nabc\n";
        Envelope envelope = parse(text);
        ByteBuffer payload = envelope.payload(envelope.items().get(0));
        assertThat(payload.isReadOnly()).isTrue();
        assertThat(payload.remaining()).isEqualTo(3);
        assertThat(UTF_8.decode(payload).toString()).isEqualTo("abc");
        assertThat(envelope.toString())
                .isEqualTo("Envelope[no event_id, " + text.length() + " bytes, items: attachment]");
    }

    @Test
    void defaultLimitsFollowTheProtocolNotes() {
        EnvelopeLimits limits = EnvelopeLimits.defaults();
        assertThat(limits.maxHeaderLineBytes()).isEqualTo(8 * 1024);
        assertThat(limits.maxItems()).isEqualTo(1000);
        assertThat(limits.maxSessionItems()).isEqualTo(100);
        assertThat(limits.maxPayloadBytes("event")).isEqualTo(1 << 20);
        assertThat(limits.maxPayloadBytes("transaction")).isEqualTo(1 << 20);
        assertThat(limits.maxPayloadBytes("check_in")).isEqualTo(100 * 1024);
        assertThat(limits.maxPayloadBytes("client_report")).isEqualTo(100 * 1024);
        assertThat(limits.maxPayloadBytes("attachment")).isEqualTo(100 << 20);
        assertThat(limits.maxPayloadBytes("profile")).isEqualTo(50 << 20);
        assertThat(limits.maxPayloadBytes("sessions")).isEqualTo(10 << 20);
        assertThat(limits.maxPayloadBytes("span")).isEqualTo(10 << 20);
        assertThat(limits.maxPayloadBytes("log")).isEqualTo(2 << 20);
        assertThat(limits.maxPayloadBytes("something_new")).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.maxPayloadBytes()).hasSize(20);
        assertThatThrownBy(() -> new EnvelopeLimits(1, 1, 1, Map.of()))
                .hasMessage("max header line bytes must be at least 2, was 1");
        assertThatThrownBy(() -> new EnvelopeLimits(10, 1, 1, Map.of("event", -1)))
                .hasMessage("max payload bytes for event must not be negative, was -1");
    }

    private Envelope parse(String text) throws IngestException {
        byte[] bytes = bytes(text);
        return parser.parse(bytes, 0, bytes.length);
    }

    private void assertRefused(String text, DiscardReason reason, String message) {
        assertRefused(() -> parse(text), reason, message);
    }

    static void assertRefused(ThrowingCallable call, DiscardReason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    static String payload(Envelope envelope, EnvelopeItem item) {
        return new String(envelope.bytes(), item.payloadOffset(), item.payloadLength(), UTF_8);
    }

    static String header(Envelope envelope, EnvelopeItem item) {
        return new String(envelope.bytes(), item.headerOffset(), item.headerLength(), UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
