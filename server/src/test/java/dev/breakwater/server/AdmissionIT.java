package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.ingest.RetryJitter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-project rate limits, the concurrency limit and per-lane quotas refuse explicitly, and only what they should. */
class AdmissionIT {
    @TempDir
    Path data;


    HttpResponse<String> post(TestingServer server, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        return server.post(path, body, headers);
    }

    @Test
    void overTheProjectRateLimitGets429WithRetryAfterAndSentryRateLimits() throws Exception {
        try (TestingServer server = TestingServer.start(
                data, Map.of("ingest.rate-limit-per-second", "1", "ingest.rate-limit-burst", "3"))) {
            ProjectKey key = server.defaultKey();
            Map<String, String> auth = Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()));
            String path = "/api/" + key.projectId() + "/envelope/";
            int accepted = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 20 && refused == null; i++) {
                HttpResponse<String> response = post(server, path, Envelopes.event("n" + i), auth);
                if (response.statusCode() == 200) {
                    accepted++;
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("some request over the burst is refused").isNotNull();
            assertThat(accepted).isGreaterThanOrEqualTo(3);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(refused.headers().firstValue("X-Sentry-Rate-Limits")).hasValueSatisfying(v -> assertThat(v).matches("\\d+::\\w+:rate_limited"));
            assertThat(server.records(Lanes.EVENTS)).hasSize(accepted);
        }
    }

    @Test
    void withTheArtifactsLaneAtItsQuotaEventsAreStillAccepted() throws Exception {
        try (TestingServer server = TestingServer.start(
                data, Map.of(
                        "spool.segment-size", "256KiB",
                        "spool.quota.artifacts", "1MiB",
                        "ingest.rate-limit-per-second", "0"))) {
            ProjectKey key = server.defaultKey();
            // paused, the lane's consumer lets the spool fill up as a consumer that cannot write would
            server.breakwater.pipeline().pause(Lanes.ARTIFACTS);
            byte[] sourceMap = new byte[200 << 10];
            java.util.Arrays.fill(sourceMap, (byte) '{');
            Map<String, String> rollbarAuth = Map.of(
                    "X-Rollbar-Access-Token", key.rollbarToken(), "Content-Type", "application/octet-stream");
            HttpResponse<String> last = null;
            for (int i = 0; i < 20; i++) {
                last = post(server, "/api/1/sourcemap", sourceMap, rollbarAuth);
                if (last.statusCode() != 200) {
                    break;
                }
            }
            assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
            assertThat(last.body()).contains("lane_full").contains("artifacts");

            HttpResponse<String> event = post(
                    server,
                    "/api/" + key.projectId() + "/envelope/",
                    Envelopes.event("still flowing"),
                    Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey())));
            assertThat(event.statusCode()).as(event.body()).isEqualTo(200);
            assertThat(server.records(Lanes.EVENTS)).hasSize(1);
        }
    }

    @Test
    void aRequestThatFindsEverySlotBusyWaitsForOneInsteadOfBeingRefused() throws Exception {
        try (TestingServer server = TestingServer.start(data, Map.of(
                "ingest.max-concurrent-requests", "1", "ingest.admission-wait", "60s", "http.body-timeout", "60s"))) {
            ProjectKey key = server.defaultKey();
            String path = "/api/" + key.projectId() + "/envelope/";
            Map<String, String> auth = Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()));
            byte[] first = Envelopes.event("holds the only slot");
            try (java.net.Socket slow = new java.net.Socket("127.0.0.1", server.breakwater.port())) {
                slow.setSoTimeout(30_000);
                java.io.OutputStream out = slow.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\n"
                                + "X-Sentry-Auth: " + Envelopes.sentryAuth(key.publicKey()) + "\r\n"
                                + "Content-Length: " + first.length + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(first, 0, 5);
                out.flush();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> server.metric("breakwater_ingest_requests_active") == 1.0);

                java.util.concurrent.CompletableFuture<HttpResponse<String>> second =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                return post(server, path, Envelopes.event("waits for the slot"), auth);
                            } catch (Exception e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        });
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> server.metric("breakwater_ingest_requests_waiting") == 1.0);
                assertThat(second).as("refused or answered while the only slot is taken").isNotDone();

                out.write(first, 5, first.length - 5);
                out.flush();
                String firstAnswer = new String(slow.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(firstAnswer).isEqualTo("HTTP/1.1 200");
                HttpResponse<String> secondAnswer = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(secondAnswer.statusCode()).as(secondAnswer.body()).isEqualTo(200);
            }
            assertThat(server.records(Lanes.EVENTS)).hasSize(2);
            assertThat(server.metric("breakwater_ingest_requests_waiting")).isZero();
        }
    }

    @Test
    void requestsThatWaitPastTheAdmissionWaitForASlotAreRefusedWith429() throws Exception {
        try (TestingServer server = TestingServer.start(data, Map.of(
                "ingest.max-concurrent-requests", "1", "ingest.admission-wait", "200ms", "http.body-timeout", "20s"))) {
            ProjectKey key = server.defaultKey();
            byte[] event = Envelopes.event("holds the only slot");
            try (java.net.Socket slow = new java.net.Socket("127.0.0.1", server.breakwater.port())) {
                // a request whose body never finishes keeps the one slot busy
                slow.getOutputStream().write(("POST /api/" + key.projectId() + "/envelope/ HTTP/1.1\r\nHost: x\r\n"
                                + "X-Sentry-Auth: " + Envelopes.sentryAuth(key.publicKey()) + "\r\n"
                                + "Content-Length: " + event.length + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                slow.getOutputStream().write(event, 0, 5);
                slow.getOutputStream().flush();
                Map<String, String> auth = Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()));
                String path = "/api/" + key.projectId() + "/envelope/";
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                        () -> post(server, path, Envelopes.event("second"), auth).statusCode() == 429);
                HttpResponse<String> refused = post(server, path, Envelopes.event("third"), auth);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                        assertThat(Long.parseLong(v)).isBetween(1L, (long) RetryJitter.MAX_OVERLOAD_SECONDS));
                assertThat(refused.body()).contains("overloaded").contains("stayed busy for 200 ms");
            }
            assertThat(server.records(Lanes.EVENTS)).isEmpty();
        }
    }
}
