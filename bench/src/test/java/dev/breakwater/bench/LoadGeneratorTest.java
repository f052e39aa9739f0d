package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the load generator against an in-process HTTP server that parses every envelope and refuses every third. */
class LoadGeneratorTest {

    private HttpServer server;
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicInteger wrongAuth = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/7/envelope/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void flatOutCountsEveryOutcomeAndSendsAUniqueValidEnvelopePerRequest() throws InterruptedException {
        ObjectNode report = LoadGenerator.run(options(0, Duration.ofMillis(200), Duration.ofMillis(600), false));

        JsonNode total = report.get("total");
        long sent = total.get("sent").asLong();
        assertThat(sent).isPositive();
        assertThat(total.get("accepted").asLong() + total.get("refused429").asLong() + total.get("errors").asLong()
                + total.get("otherStatus").asLong() + total.get("refused503").asLong()).isEqualTo(sent);
        assertThat(total.get("refused429WithRetryAfter").asLong()).isEqualTo(total.get("refused429").asLong()).isPositive();
        assertThat(total.get("errors").asLong()).isZero();
        assertThat(malformed.get()).isZero();
        assertThat(wrongAuth.get()).isZero();
        assertThat(eventIds).hasSize(requests.get());
        assertThat((long) requests.get()).isEqualTo(sent);
        assertThat(report.get("mode").asText()).isEqualTo("flat-out");
        assertThat(report.get("acceptedLatencyMs").get("count").asLong()).isEqualTo(report.get("measured").get("accepted").asLong());
        assertThat(LoadGenerator.summary(report)).contains("accepted", "429");
    }

    @Test
    void fixedRateAccountsForEveryDueRequest() throws InterruptedException {
        ObjectNode report = LoadGenerator.run(options(200, Duration.ZERO, Duration.ofMillis(500), true));

        JsonNode measured = report.get("measured");
        assertThat(report.get("mode").asText()).isEqualTo("fixed-rate");
        assertThat(measured.get("sent").asLong() + measured.get("missed").asLong()).isEqualTo(100);
        assertThat(report.get("latencyFrom").asText()).isEqualTo("intended send time");
    }

    private LoadOptions options(double rate, Duration warmup, Duration duration, boolean virtual) {
        Target target = new Target("127.0.0.1", server.getAddress().getPort(), "/api/7/envelope/", "testkey");
        return new LoadOptions(target, 4, duration, warmup, rate, EventSize.REGULAR, 10, 16, Duration.ofSeconds(10), virtual, null, "test");
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int n = requests.incrementAndGet();
        try {
            if (!"gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    || !exchange.getRequestHeaders().getFirst("X-Sentry-Auth").endsWith("sentry_key=testkey")) {
                wrongAuth.incrementAndGet();
            }
            EnvelopeFrames envelope = EnvelopeFrames.gunzipAndParse(body);
            eventIds.add(envelope.header().get("event_id").asText());
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
        }
        byte[] response;
        if (n % 3 == 0) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            response = "{\"detail\":\"slow down\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(429, response.length);
        } else {
            response = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, response.length);
        }
        exchange.getResponseBody().write(response);
        exchange.close();
    }
}
