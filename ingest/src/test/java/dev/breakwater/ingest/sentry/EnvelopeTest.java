package dev.breakwater.ingest.sentry;

import static dev.breakwater.ingest.sentry.EnvelopeParserTest.bytes;
import static dev.breakwater.ingest.sentry.EnvelopeParserTest.header;
import static dev.breakwater.ingest.sentry.EnvelopeParserTest.payload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.Lanes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting an envelope that spans several lanes. */
class EnvelopeTest {
    private static final String HEADER =
            "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"sdk\":{\"name\":\"sentry.javascript.browser\"},\"unknown\":true}";
    private static final String MIXED = HEADER + "\n"
            + "{\"type\":\"event\",\"length\":22}\n{\"message\":\"a\\nb\\r\\n\"}\n"
            + "{\"type\":\"span\"}\n{\"span_id\":\"b0e6f15b45c36b12\",\"op\":\"http\"}\n"
            + "{\"type\":\"attachment\",\"length\":4,\"filename\":\"crlf.txt\"}\na\r\nb\n"
            + "{\"type\":\"session\"}\n{\"sid\":\"1\",\"status\":\"ok\"}\r\n"
            + "{\"type\":\"client_report\",\"length\":2}\n{}\n"
            + "{\"type\":\"hologram\"}\n3d\n"
            + "{\"type\":\"profile\",\"length\":0}\n\n";

    private final EnvelopeParser parser = new EnvelopeParser(EnvelopeLimits.defaults());

    @Test
    void lanesAreListedInOrderOfFirstAppearance() throws Exception {
        assertThat(parse(bytes(MIXED)).lanes()).containsExactly(Lanes.EVENTS, Lanes.TRANSACTIONS, Lanes.METRICS);
    }

    @Test
    void eachLaneGetsExactlyItsItemsUnderTheOriginalHeader() throws Exception {
        Envelope mixed = parse(bytes(MIXED));
        assertSplit(mixed, Lanes.EVENTS, List.of("event", "attachment", "hologram"));
        assertSplit(mixed, Lanes.TRANSACTIONS, List.of("span", "profile"));
        assertSplit(mixed, Lanes.METRICS, List.of("session", "client_report"));
        assertSplit(mixed, Lanes.DEPLOYS, List.of());
    }

    @Test
    void retainingKeepsChosenItemsByteForByte() throws Exception {
        Envelope mixed = parse(bytes(MIXED));
        byte[] withoutAttachments = mixed.retaining(item -> !item.dataCategory().equals("attachment"));
        String text = new String(withoutAttachments, UTF_8);
        assertThat(text)
                .doesNotContain("crlf.txt")
                .contains("{\"type\":\"event\",\"length\":22}\n{\"message\":\"a\\nb\\r\\n\"}\n");
        assertThat(parse(withoutAttachments).items()).hasSize(mixed.items().size() - 1);
        // Keeping everything reproduces an envelope whose items all end in a newline.
        assertThat(new String(mixed.retaining(item -> true), UTF_8)).isEqualTo(MIXED);
    }

    private void assertSplit(Envelope mixed, String lane, List<String> types) throws IngestException {
        Envelope split = parse(mixed.forLane(lane));
        assertThat(split.items()).extracting(EnvelopeItem::type).containsExactlyElementsOf(types);
        assertThat(new String(
                        split.bytes(), split.header().offset(), split.header().length(), UTF_8))
                .isEqualTo(HEADER);
        assertThat(split.eventId()).isEqualTo(mixed.eventId());
        for (EnvelopeItem item : split.items()) {
            EnvelopeItem original = mixed.items().stream()
                    .filter(i -> i.type().equals(item.type()))
                    .findFirst()
                    .orElseThrow();
            assertThat(payload(split, item)).isEqualTo(payload(mixed, original));
            assertThat(header(split, item)).isEqualTo(header(mixed, original));
            assertThat(item.lane()).isEqualTo(lane);
        }
    }

    private Envelope parse(byte[] bytes) throws IngestException {
        return parser.parse(bytes, 0, bytes.length);
    }
}
