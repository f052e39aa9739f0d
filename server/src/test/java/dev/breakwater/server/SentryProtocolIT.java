package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.spool.SpoolRecord;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** The Sentry wire protocol as SDKs other than sentry-java use it: carriers, encodings, routing, store, CORS. */
class SentryProtocolIT extends OneServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newHttpClient();

    @Override
    Map<String, String> settings() {
        return Map.of("spool.segment-size", "256KiB", "spool.quota.metrics", "1MiB", "ingest.rate-limit-per-second", "0");
    }

    Map<String, String> auth(String... more) {
        Map<String, String> headers = new HashMap<>(Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey())));
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    String envelopePath() {
        return "/api/" + key.projectId() + "/envelope/";
    }

    int count(String lane) throws Exception {
        return server.records(lane).size();
    }

    @Test
    void everyAuthCarrierIsAccepted() throws Exception {
        int before = count(Lanes.EVENTS);
        assertThat(post(envelopePath(), Envelopes.event("header"), auth()).statusCode()).isEqualTo(200);
        assertThat(post(envelopePath() + "?sentry_version=7&sentry_key=" + key.publicKey(), Envelopes.event("query"), Map.of())
                        .statusCode())
                .isEqualTo(200);
        String id = Envelopes.eventId();
        String event = Envelopes.eventJson(id, "dsn in the envelope");
        byte[] withDsn = ("{\"event_id\":\"" + id + "\",\"dsn\":\"" + server.dsn() + "\"}\n{\"type\":\"event\"}\n" + event)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(envelopePath(), withDsn, Map.of("Content-Type", "text/plain"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("id").asText()).isEqualTo(id);
        assertThat(count(Lanes.EVENTS)).isEqualTo(before + 3);
    }

    @Test
    void conflictingCarriersAreRefused() throws Exception {
        HttpResponse<String> response = post(
                envelopePath() + "?sentry_key=0123456789abcdef0123456789abcdef", Envelopes.event("x"), auth());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("conflicting_auth");
    }

    @Test
    void dsnWithAPathPrefixRoutes() throws Exception {
        int before = count(Lanes.EVENTS);
        HttpResponse<String> response = post("/sentry" + envelopePath(), Envelopes.event("prefixed"), auth());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(count(Lanes.EVENTS)).isEqualTo(before + 1);
    }

    @Test
    void everyContentEncodingIsDecodedAndStoredAsItArrived() throws Exception {
        byte[] plain = Envelopes.event("encodings");
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(zstd)) {
            out.write(plain);
        }
        ByteArrayOutputStream deflate = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflate)) {
            out.write(plain);
        }
        Map<String, byte[]> bodies = Map.of(
                "gzip", Envelopes.gzip(plain),
                "x-gzip", Envelopes.gzip(plain),
                "deflate", deflate.toByteArray(),
                "zstd", zstd.toByteArray(),
                "identity", plain);
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            HttpResponse<String> response = post(envelopePath(), body.getValue(), auth("Content-Encoding", body.getKey()));
            assertThat(response.statusCode()).as(body.getKey() + ": " + response.body()).isEqualTo(200);
        }
        List<SpoolRecord> records = server.records(Lanes.EVENTS);
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            String stored = body.getKey().equals("x-gzip") ? "gzip" : body.getKey();
            assertThat(records).anySatisfy(r -> {
                assertThat(r.header().encoding()).isEqualTo(stored);
                byte[] bytes = new byte[r.body().remaining()];
                r.body().duplicate().get(bytes);
                assertThat(bytes).isEqualTo(body.getValue());
            });
        }
    }

    @Test
    void itemsAreRoutedToTheirLanesAndUnknownTypesAreKept() throws Exception {
        int events = count(Lanes.EVENTS);
        int metrics = count(Lanes.METRICS);
        int transactions = count(Lanes.TRANSACTIONS);
        String id = Envelopes.eventId();
        String event = Envelopes.eventJson(id, "mixed");
        String session = "{\"sid\":\"" + Envelopes.eventId() + "\",\"status\":\"ok\",\"started\":\"2026-11-23T10:00:00Z\"}";
        String body = "{\"event_id\":\"" + id + "\"}\n"
                + "{\"type\":\"event\"}\n" + event + "\n"
                + "{\"type\":\"session\"}\n" + session + "\n"
                + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n"
                + "{\"type\":\"something_new\",\"length\":3}\nabc\n";
        HttpResponse<String> response = post(envelopePath(), body.getBytes(StandardCharsets.UTF_8), auth());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(count(Lanes.EVENTS)).isEqualTo(events + 1);
        assertThat(count(Lanes.METRICS)).isEqualTo(metrics + 1);
        assertThat(count(Lanes.TRANSACTIONS)).isEqualTo(transactions);
        String eventsRecord = RecordBodies.text(server.records(Lanes.EVENTS).getLast());
        assertThat(eventsRecord).contains("\"type\":\"event\"").contains("something_new").doesNotContain("\"type\":\"session\"");
        String metricsRecord = RecordBodies.text(server.records(Lanes.METRICS).getLast());
        assertThat(metricsRecord).contains("\"type\":\"session\"").contains("client_report").doesNotContain("mixed");

        String transaction = "{\"event_id\":\"" + Envelopes.eventId() + "\",\"type\":\"transaction\",\"spans\":[]}";
        byte[] tx = ("{}\n{\"type\":\"transaction\"}\n" + transaction).getBytes(StandardCharsets.UTF_8);
        assertThat(post(envelopePath(), tx, auth()).statusCode()).isEqualTo(200);
        assertThat(count(Lanes.TRANSACTIONS)).isEqualTo(transactions + 1);
    }

    @Test
    void storeAcceptsJsonAndBase64ZlibAndAssignsIdsWhenMissing() throws Exception {
        String path = "/api/" + key.projectId() + "/store/";
        String id = Envelopes.eventId();
        HttpResponse<String> json = post(path, Envelopes.eventJson(id, "store").getBytes(StandardCharsets.UTF_8), auth());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).path("id").asText()).isEqualTo(id);

        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write("{\"message\":\"legacy raven client\"}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] base64 = Base64.getEncoder().encode(zlib.toByteArray());
        HttpResponse<String> legacy = post(path, base64, auth());
        assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
        String derived = JSON.readTree(legacy.body()).path("id").asText();
        assertThat(derived).matches("[0-9a-f]{32}");
        SpoolRecord stored = server.records(Lanes.EVENTS).getLast();
        assertThat(stored.header().source()).isEqualTo("sentry-store");
        assertThat(RecordBodies.text(stored)).isEqualTo("{\"message\":\"legacy raven client\"}");
        assertThat(dev.breakwater.model.DerivedIds.eventId(stored.header().node(), stored.header().seq())).isEqualTo(derived);
    }

    @Test
    void corsPreflightAllowsBrowserSdks() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + envelopePath()))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://shop.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(v -> assertThat(v).contains("x-sentry-auth"));
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(v -> assertThat(v).contains("x-sentry-rate-limits"));
    }

    @Test
    void aFullLaneRefusesOnlyItsOwnCategories() throws Exception {
        byte[] filler = new byte[100 << 10];
        java.util.Arrays.fill(filler, (byte) 'x');
        byte[] sessionItem = concat(
                ("{\"type\":\"session\",\"length\":" + filler.length + "}\n").getBytes(StandardCharsets.UTF_8), filler);
        byte[] body = concat("{}\n".getBytes(StandardCharsets.UTF_8), sessionItem);
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = post(envelopePath(), body, auth());
            if (response.statusCode() != 200) {
                refused = response;
            }
        }
        assertThat(refused).as("the metrics lane fills up").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Sentry-Rate-Limits"))
                .hasValueSatisfying(v -> assertThat(v).contains(":session:").contains("lane_full").doesNotContain("error"));

        int events = count(Lanes.EVENTS);
        String id = Envelopes.eventId();
        String mixed = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + Envelopes.eventJson(id, "still here") + "\n";
        HttpResponse<String> partly = post(envelopePath(), concat(mixed.getBytes(StandardCharsets.UTF_8), sessionItem), auth());
        assertThat(partly.statusCode()).isEqualTo(429);
        assertThat(count(Lanes.EVENTS)).as("the event part was accepted").isEqualTo(events + 1);
        assertThat(post(envelopePath(), Envelopes.event("events flow"), auth()).statusCode()).isEqualTo(200);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
