package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.ProjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets its clear status and a JSON error naming what is wrong, and nothing is appended to any lane.
 * Small limits are configured so the limits themselves are what is tested.
 */
class IngestRefusalIT extends OneServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();

    HttpClient http = HttpClient.newHttpClient();

    @Override
    Map<String, String> settings() {
        return Map.of(
                "ingest.max-wire-size", "64KiB",
                "ingest.max-decoded-size", "1MiB",
                "ingest.max-inflight-bytes", "8MiB",
                "http.max-header-size", "8KiB",
                "http.body-timeout", "3s");
    }

    HttpResponse<String> envelope(String path, byte[] body, Map<String, String> headers) throws Exception {
        return post(path, body, headers);
    }

    HttpResponse<String> envelope(byte[] body, Map<String, String> headers) throws Exception {
        return post("/api/" + key.projectId() + "/envelope/", body, headers);
    }

    Map<String, String> auth() {
        return Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()));
    }

    long appendedEverywhere() {
        return Lanes.ALL.stream()
                .mapToLong(lane -> server.breakwater.spool().lane(lane).stats().nextOffset())
                .sum();
    }

    /** Sends, checks status and error code, and checks that no lane grew. */
    void assertRefused(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void wellFormedEnvelopeIsAcceptedAndAppended() throws Exception {
        long before = appendedEverywhere();
        HttpResponse<String> response = envelope(Envelopes.gzip(Envelopes.event("fine")), Map.of(
                "X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Encoding", "gzip"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("id").asText()).hasSize(32);
        assertThat(appendedEverywhere()).isEqualTo(before + 1);
    }

    @Test
    void malformedFramingIsRefused() throws Exception {
        long before = appendedEverywhere();
        byte[] body = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"event\",\"length\":5}\n{}{}{}{}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(envelope(body, auth()), 400, "invalid_envelope");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void lengthPastTheEndIsRefused() throws Exception {
        long before = appendedEverywhere();
        byte[] body = "{}\n{\"type\":\"event\",\"length\":500}\n{\"message\":\"short\"}\n".getBytes(StandardCharsets.UTF_8);
        assertRefused(envelope(body, auth()), 400, "invalid_envelope");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void invalidJsonHeadersAreRefused() throws Exception {
        long before = appendedEverywhere();
        assertRefused(envelope("{\"event_id\": nope\n".getBytes(StandardCharsets.UTF_8), auth()), 400, "invalid_json");
        assertRefused(
                envelope("{}\n{type: event}\n{}\n".getBytes(StandardCharsets.UTF_8), auth()), 400, "invalid_json");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void unknownProjectIsRefused() throws Exception {
        long before = appendedEverywhere();
        assertRefused(envelope("/api/999/envelope/", Envelopes.event("x"), auth()), 404, "unknown_project");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void wrongOrMissingKeyIsRefused() throws Exception {
        long before = appendedEverywhere();
        assertRefused(
                envelope(Envelopes.event("x"), Map.of("X-Sentry-Auth", Envelopes.sentryAuth("0123456789abcdef0123456789abcdef"))),
                401,
                "unknown_key");
        assertRefused(envelope(Envelopes.event("x"), Map.of()), 401, "missing_auth");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void anotherProjectsKeyIsRefused() throws Exception {
        ProjectKey other = server.breakwater.projects().create("other-" + System.nanoTime()).keys().getFirst();
        long before = appendedEverywhere();
        assertRefused(
                envelope(Envelopes.event("x"), Map.of("X-Sentry-Auth", Envelopes.sentryAuth(other.publicKey()))),
                403,
                "key_not_for_project");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void unsupportedEncodingIsRefused() throws Exception {
        long before = appendedEverywhere();
        Map<String, String> headers = Map.of(
                "X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Encoding", "lzma");
        assertRefused(envelope(Envelopes.event("x"), headers), 415, "unsupported_encoding");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void corruptGzipIsRefused() throws Exception {
        long before = appendedEverywhere();
        byte[] gzip = Envelopes.gzip(Envelopes.event("corrupt me"));
        for (int i = 12; i < gzip.length - 8; i++) {
            gzip[i] ^= 0x5a;
        }
        Map<String, String> headers = Map.of(
                "X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Encoding", "gzip");
        assertRefused(envelope(gzip, headers), 400, "decompression_failed");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void decompressionBombIsCutOffAtTheLimit() throws Exception {
        long before = appendedEverywhere();
        byte[] bomb = Envelopes.gzipBomb(256L << 20); // 256 MiB of zeros in ~250 KiB... more than the 64 KiB wire cap
        byte[] smallBomb = Envelopes.gzipBomb(16L << 20); // ~16 KiB on the wire, 16 MiB decoded
        assertThat(smallBomb.length).isLessThan(64 << 10);
        Map<String, String> headers = Map.of(
                "X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Encoding", "gzip");
        assertRefused(envelope(smallBomb, headers), 413, "payload_too_large");
        assertRefused(envelope(bomb, headers), 413, "payload_too_large");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        long before = appendedEverywhere();
        byte[] big = new byte[200 << 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertRefused(envelope(big, auth()), 413, "payload_too_large");
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void headersOverTheLimitAreRefused() throws Exception {
        long before = appendedEverywhere();
        HttpResponse<String> response = envelope(
                Envelopes.event("x"),
                Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "X-Padding", "p".repeat(16 << 10)));
        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(appendedEverywhere()).isEqualTo(before);
    }

    @Test
    void bodyThatStallsOrTricklesIsCutOffAtTheBodyTimeout() throws Exception {
        long before = appendedEverywhere();
        assertThat(slowRequest(false)).satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 408"), r -> assertThat(r).isEmpty());
        assertThat(slowRequest(true)).satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 408"), r -> assertThat(r).isEmpty());
        assertThat(appendedEverywhere()).isEqualTo(before);
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("breakwater_ingest_refusals_total{endpoint=\"sentry-envelope\",reason=\"request_timeout\"} 2.0");
    }

    /**
     * Sends the headers and 10 bytes of a body, then nothing ({@code trickle} false) or one byte every 200 ms.
     * Returns what the server answered before closing: a 408 status line, or nothing when it cut the connection.
     * The test's own socket timeout (30 s) is far above the server's body timeout (3 s), so a server that waits
     * forever fails the test with a read timeout.
     */
    private String slowRequest(boolean trickle) throws Exception {
        byte[] event = Envelopes.event("slow");
        try (Socket socket = new Socket("127.0.0.1", server.breakwater.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/" + key.projectId() + "/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "X-Sentry-Auth: " + Envelopes.sentryAuth(key.publicKey()) + "\r\n"
                            + "Content-Length: " + event.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(event, 0, 10);
            out.flush();
            Thread trickler = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 10; trickle && i < event.length; i++) {
                        Thread.sleep(200); // the pace of a slow-loris client, not a wait for a condition
                        out.write(event[i]);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: what we expect
                }
            });
            try {
                InputStream in = socket.getInputStream();
                return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            } catch (java.net.SocketException e) {
                return ""; // connection reset by the server
            } finally {
                trickler.interrupt();
            }
        }
    }
}
