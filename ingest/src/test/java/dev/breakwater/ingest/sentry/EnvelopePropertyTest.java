package dev.breakwater.ingest.sentry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.Lanes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Envelopes serialised by an independent writer parse back to what was written; damaged ones never break the parser. */
class EnvelopePropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COUNTED_TYPES = Set.of("event", "transaction", "session", "sessions");

    private final EnvelopeParser parser = new EnvelopeParser(EnvelopeLimits.defaults());

    record Item(String type, byte[] payload, boolean explicitLength, String filename) {}

    record Written(List<Item> items, boolean trailingNewline, String eventId) {}

    @Property(tries = 500)
    void writtenEnvelopesParseToTheirItems(@ForAll("envelopes") Written written) throws Exception {
        byte[] bytes = serialize(written);
        Envelope envelope = parser.parse(bytes, 0, bytes.length);
        assertSameItems(envelope, written.items());
        assertThat(envelope.eventId()).hasValue(written.eventId());
    }

    @Property(tries = 300)
    void eachLaneSplitParsesToThatLanesItems(@ForAll("envelopes") Written written) throws Exception {
        byte[] bytes = serialize(written);
        Envelope envelope = parser.parse(bytes, 0, bytes.length);
        for (String lane : Lanes.ALL) {
            byte[] split = envelope.forLane(lane);
            Envelope parsed = parser.parse(split, 0, split.length);
            assertSameItems(
                    parsed,
                    written.items().stream()
                            .filter(i -> ItemRouting.lane(i.type()).equals(lane))
                            .toList());
            assertThat(parsed.eventId()).isEqualTo(envelope.eventId());
        }
    }

    @Property(tries = 1000)
    void damagedEnvelopesParseOrFailWithIngestException(@ForAll("envelopes") Written written, @ForAll long seed) {
        byte[] bytes = mutate(serialize(written), new Random(seed));
        try {
            Envelope envelope = parser.parse(bytes, 0, bytes.length);
            for (EnvelopeItem item : envelope.items()) {
                assertThat(item.payloadOffset() + item.payloadLength()).isLessThanOrEqualTo(bytes.length);
                assertThat(item.headerOffset() + item.headerLength()).isLessThanOrEqualTo(item.payloadOffset());
            }
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Written> envelopes() {
        Arbitrary<String> types = Arbitraries.oneOf(
                Arbitraries.of(
                        "attachment",
                        "client_report",
                        "check_in",
                        "span",
                        "profile",
                        "user_report",
                        "statsd",
                        "feedback",
                        "replay_recording"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(t -> !COUNTED_TYPES.contains(t)));
        Arbitrary<Item> items = Combinators.combine(
                        types,
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                        Arbitraries.of(true, false),
                        Arbitraries.strings().ofMaxLength(16).injectNull(0.6))
                .as((type, payload, explicit, filename) ->
                        new Item(type, explicit ? payload : withoutNewlines(payload), explicit, filename));
        Arbitrary<List<Item>> lists = items.list().ofMaxSize(10);
        Arbitrary<Integer> eventAt = Arbitraries.integers().between(-1, 10);
        Arbitrary<Item> singleEvent = Arbitraries.of("event", "transaction")
                .map(type -> new Item(
                        type, ("{\"type\":\"" + type + "\",\"message\":\"hi\"}").getBytes(UTF_8), false, null));
        return Combinators.combine(lists, eventAt, singleEvent, Arbitraries.of(true, false))
                .as((list, at, event, trailing) -> {
                    List<Item> all = new ArrayList<>(list);
                    if (at >= 0) {
                        all.add(Math.min(at, all.size()), event);
                    }
                    return new Written(all, trailing, "9ec79c33ec9942ab8353589fcb2e04dc");
                });
    }

    private static byte[] serialize(Written written) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.writeBytes(
                    JSON.writeValueAsBytes(Map.of("event_id", written.eventId(), "sdk", Map.of("name", "jqwik"))));
            for (int i = 0; i < written.items().size(); i++) {
                Item item = written.items().get(i);
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("type", item.type());
                if (item.explicitLength()) {
                    header.put("length", item.payload().length);
                }
                if (item.filename() != null) {
                    header.put("filename", item.filename());
                }
                out.write('\n');
                out.writeBytes(JSON.writeValueAsBytes(header));
                out.write('\n');
                out.writeBytes(item.payload());
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        if (written.trailingNewline()) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void assertSameItems(Envelope envelope, List<Item> expected) {
        assertThat(envelope.items()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            EnvelopeItem item = envelope.items().get(i);
            Item written = expected.get(i);
            assertThat(item.type()).isEqualTo(written.type());
            assertThat(item.explicitLength()).isEqualTo(written.explicitLength());
            assertThat(item.filename()).isEqualTo(java.util.Optional.ofNullable(written.filename()));
            byte[] payload = Arrays.copyOfRange(
                    envelope.bytes(), item.payloadOffset(), item.payloadOffset() + item.payloadLength());
            assertThat(payload).isEqualTo(written.payload());
        }
    }

    private static byte[] withoutNewlines(byte[] payload) {
        byte[] copy = payload.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    /** Flips, deletes, duplicates or inserts framing bytes at random places, or cuts the tail. */
    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] framing = {'\n', '{', '}', '"', ':', ',', '0', '9', '-', '\r', 0};
        List<Byte> out = new ArrayList<>(bytes.length + 8);
        for (byte b : bytes) {
            out.add(b);
        }
        int mutations = 1 + random.nextInt(5);
        for (int m = 0; m < mutations && !out.isEmpty(); m++) {
            int at = random.nextInt(out.size());
            switch (random.nextInt(5)) {
                case 0 -> out.set(at, (byte) random.nextInt(256));
                case 1 -> out.remove(at);
                case 2 -> out.add(at, framing[random.nextInt(framing.length)]);
                case 3 -> out.add(at, out.get(at));
                default -> out.subList(at, out.size()).clear();
            }
        }
        byte[] result = new byte[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }
}
