package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCorpusTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");

    @Test
    void envelopesParseAsOneEventItemWithMatchingIdsAndLength() {
        for (EnvelopeTemplate template : new EnvelopeCorpus(20, EventSize.REGULAR, 7).templates(100, NOW)) {
            EnvelopeFrames envelope = EnvelopeFrames.gunzipAndParse(template.gzip());

            assertThat(envelope.header().path("event_id").asText()).matches("[0-9a-f]{32}");
            assertThat(envelope.header().path("sent_at").asText()).isEqualTo("2026-03-01T12:00:00.250Z");
            assertThat(envelope.items()).hasSize(1);
            EnvelopeFrames.Item item = envelope.items().getFirst();
            assertThat(item.header().path("type").asText()).isEqualTo("event");
            assertThat(item.header().path("length").asInt()).isEqualTo(item.payload().length);
            JsonNode event = item.json();
            assertThat(event.path("event_id").asText()).isEqualTo(envelope.header().path("event_id").asText());
            assertThat(event.path("timestamp").asText()).isEqualTo("2026-03-01T12:00:00.250Z");
        }
    }

    @Test
    void eventsCarryARealisticJavaErrorOfTenToFortyFrames() {
        for (EnvelopeTemplate template : new EnvelopeCorpus(50, EventSize.REGULAR, 3).templates(200, NOW)) {
            JsonNode event = EnvelopeFrames.gunzipAndParse(template.gzip()).items().getFirst().json();

            assertThat(event.path("platform").asText()).isEqualTo("java");
            assertThat(event.path("release").asText()).isNotEmpty();
            assertThat(event.path("environment").asText()).isNotEmpty();
            assertThat(event.path("tags").size()).isPositive();
            assertThat(event.path("user").path("id").asText()).startsWith("u-");
            JsonNode exception = event.path("exception").path("values").get(0);
            assertThat(exception.path("type").asText()).isNotEmpty();
            assertThat(exception.path("value").asText()).isNotEmpty();
            JsonNode frames = exception.path("stacktrace").path("frames");
            assertThat(frames.size()).isBetween(10, 40);
            for (JsonNode frame : frames) {
                assertThat(frame.path("module").asText()).isNotEmpty();
                assertThat(frame.path("function").asText()).isNotEmpty();
                assertThat(frame.path("filename").asText()).endsWith(".java");
                assertThat(frame.path("lineno").asInt()).isPositive();
                assertThat(frame.path("in_app").isBoolean()).isTrue();
            }
            // the frame that threw, or the one below a library call, is application code
            assertThat(frames).anySatisfy(frame -> assertThat(frame.path("in_app").asBoolean()).isTrue());
        }
    }

    @Test
    void regularEventsAreAFewKilobytesAndLargeOnesAboutFifty() {
        List<EnvelopeTemplate> regular = new EnvelopeCorpus(200, EventSize.REGULAR, 1).templates(400, NOW);
        double meanRegular = regular.stream().mapToInt(EnvelopeTemplate::payloadLength).average().orElseThrow();
        assertThat(regular).allSatisfy(t -> assertThat(t.payloadLength()).isBetween(1024, 7 * 1024));
        assertThat(meanRegular).isBetween(2048.0, 4608.0);
        assertThat(regular.stream().filter(t -> t.payloadLength() <= 4096).count()).isGreaterThan(regular.size() / 2);

        List<EnvelopeTemplate> large = new EnvelopeCorpus(10, EventSize.LARGE, 1).templates(10, NOW);
        assertThat(large).allSatisfy(t -> {
            assertThat(t.payloadLength()).isBetween(50 * 1024, 54 * 1024);
            JsonNode event = EnvelopeFrames.gunzipAndParse(t.gzip()).items().getFirst().json();
            assertThat(event.path("breadcrumbs").path("values").size()).isEqualTo(100);
            assertThat(event.path("extra").size()).isPositive();
        });
    }

    @Test
    void fingerprintsAreDistinctAndRecurRoundRobin() {
        EnvelopeCorpus corpus = new EnvelopeCorpus(30, EventSize.REGULAR, 11);
        Set<String> keys = new HashSet<>();
        for (Fingerprint fingerprint : corpus.fingerprints()) {
            StackFrame site = fingerprint.callSite();
            keys.add(fingerprint.exceptionType() + "@" + site.module() + "." + site.function() + ":" + site.lineno());
        }
        assertThat(keys).hasSize(30);

        List<EnvelopeTemplate> templates = corpus.templates(60, NOW);
        assertThat(templates.get(5).fingerprint()).isSameAs(templates.get(35).fingerprint());
        assertThat(templates.stream().map(EnvelopeTemplate::fingerprint).distinct().count()).isEqualTo(30);
    }

    @Test
    void everyEnvelopeHasItsOwnEventId() {
        Set<String> ids = new HashSet<>();
        for (EnvelopeTemplate template : new EnvelopeCorpus(5, EventSize.REGULAR, 1).templates(500, NOW)) {
            ids.add(EnvelopeFrames.gunzipAndParse(template.gzip()).header().path("event_id").asText());
        }
        assertThat(ids).hasSize(500);
    }

    @Test
    void writesBodiesAndASizeSummary(@TempDir Path dir) throws IOException {
        new EnvelopeCorpus(10, EventSize.REGULAR, 1).write(dir, 25, NOW);

        assertThat(dir.resolve("body-00000.bin")).exists();
        assertThat(dir.resolve("body-00024.bin")).exists();
        assertThat(dir.resolve("body-00025.bin")).doesNotExist();
        EnvelopeFrames.gunzipAndParse(Files.readAllBytes(dir.resolve("body-00013.bin")));
        assertThat(Files.readString(dir.resolve("corpus.json"))).contains("\"count\" : 25", "\"gzipBytes\"");
    }
}
