package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds random mutations of the sample payloads to the decoder. Whatever the bytes, the outcome is events or a
 * DecodeException, never another exception and never a wrapped decoder bug; and any events that come out can be
 * grouped and written. Seeded, so a failure reproduces.
 */
class DecodeFuzzTest {
    private static final long SEED = 20250314L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Sample(String source, byte[] body) {}

    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String name : List.of("sentry-java-event.json", "sentry-python-event.json", "javascript-event.json",
                "store-logentry.json", "store-message-string.json")) {
            samples.add(new Sample("sentry-store", Payloads.bytes(name)));
            samples.add(new Sample("sentry-envelope", new Payloads.EnvelopeBuilder(
                    "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}")
                    .item("attachment", "a\nb", true)
                    .item("event", Payloads.text(name), name.hashCode() % 2 == 0)
                    .build()));
        }
        for (String name : List.of("rollbar-java-trace.json", "rollbar-trace-chain.json", "rollbar-message.json",
                "rollbar-crash-report.json")) {
            samples.add(new Sample("rollbar-item", Payloads.bytes(name)));
        }
        return samples;
    }

    @Test
    void byteMutationsNeverEscapeAsOtherExceptions() {
        Random random = new Random(SEED);
        List<Sample> samples = samples();
        for (int i = 0; i < 30_000; i++) {
            Sample sample = samples.get(random.nextInt(samples.size()));
            byte[] mutated = mutateBytes(sample.body(), random);
            check(sample.source(), mutated);
        }
    }

    @Test
    void shapeMutationsNeverEscapeAsOtherExceptions() throws Exception {
        Random random = new Random(SEED + 1);
        List<Sample> samples = samples().stream().filter(s -> !s.source().equals("sentry-envelope")).toList();
        for (int i = 0; i < 30_000; i++) {
            Sample sample = samples.get(random.nextInt(samples.size()));
            JsonNode tree = Json.MAPPER.readTree(sample.body());
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                tree = mutateTree(tree, random);
            }
            byte[] body = Json.MAPPER.writeValueAsBytes(tree);
            check(sample.source(), body);
            // the same event inside an envelope
            check("sentry-envelope", new Payloads.EnvelopeBuilder("{}").item("event", body, random.nextBoolean())
                    .build());
        }
    }

    private static void check(String source, byte[] body) {
        List<CanonicalEvent> events;
        try {
            events = RecordDecoder.decode(source, body, Payloads.CTX);
        } catch (DecodeException e) {
            if (e.getMessage().contains("could not be decoded")) {
                fail("decoder bug on " + new String(body, StandardCharsets.UTF_8), e);
            }
            assertThat(e.getMessage()).startsWith(source + ": ");
            return;
        } catch (RuntimeException e) {
            fail("escaped " + e + " on " + new String(body, StandardCharsets.UTF_8), e);
            return;
        }
        for (CanonicalEvent event : events) {
            Grouping grouping = Fingerprinter.group(event);
            assertThat(grouping.fingerprint()).matches("[0-9a-f]{32}");
            try {
                assertThat(Json.MAPPER.readTree(EventDocument.toJson(event)).get("eventId").asText())
                        .isEqualTo(event.eventId());
            } catch (java.io.IOException e) {
                fail("document is not JSON", e);
            }
        }
    }

    private static byte[] mutateBytes(byte[] body, Random random) {
        byte[] out = body.clone();
        switch (random.nextInt(6)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[random.nextInt(out.length)] = (byte) "{}[]\":,0123456789.-eE\n\\ntu".charAt(random.nextInt(26));
            case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 3 -> {
                int from = random.nextInt(out.length);
                int to = Math.min(out.length, from + random.nextInt(40));
                byte[] cut = new byte[out.length - (to - from)];
                System.arraycopy(out, 0, cut, 0, from);
                System.arraycopy(out, to, cut, from, out.length - to);
                out = cut;
            }
            case 4 -> {
                int at = random.nextInt(out.length);
                byte[] insert = "\n{\"type\":\"event\",\"length\":3}\n".getBytes(StandardCharsets.UTF_8);
                byte[] grown = new byte[out.length + insert.length];
                System.arraycopy(out, 0, grown, 0, at);
                System.arraycopy(insert, 0, grown, at, insert.length);
                System.arraycopy(out, at, grown, at + insert.length, out.length - at);
                out = grown;
            }
            default -> {
                for (int i = 0; i < 5; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    /** Replaces or removes one randomly chosen node of the tree. */
    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue(random));
            }
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (random.nextInt(5) == 0) {
                array.remove(index);
            } else {
                array.set(index, randomValue(random));
            }
        } else if (container instanceof ObjectNode object) {
            object.set("values", randomValue(random));
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                collect(child, out);
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("");
            case 2 -> NODES.textNode("x");
            case 3 -> NODES.numberNode(0);
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(1.5e300);
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> NODES.booleanNode(true);
            case 8 -> NODES.arrayNode();
            case 9 -> NODES.objectNode();
            case 10 -> NODES.arrayNode().add(1).add("a").addNull();
            case 11 -> NODES.objectNode().put("values", 5);
            case 12 -> NODES.objectNode().set("frames", NODES.arrayNode().add(NODES.objectNode().put("lineno", "x")));
            case 13 -> NODES.textNode("2025-03-14T09:26:53Z");
            case 14 -> NODES.textNode("{{ default }}");
            default -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
        };
    }
}
