package dev.breakwater.server.drill;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint on 127.0.0.1, as a team's receiver would be: it checks each notification's HMAC signature
 * ({@code X-Breakwater-Signature: sha256=HMAC(secret, timestamp + "." + body)}) and keeps what arrived. It can be
 * told to hang, to re-enact a receiver that accepts connections and never answers. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One notification as received: when, the alert's key, title and state, why it was sent, and its signature check. */
    public record Received(
            Instant at, String deliveryId, String deliveryKind, String alertKey, String title, String state, boolean signatureValid) {

        /** A notification of an alert rule's alert, not of one of Breakwater's own (disk, store pool, lanes...). */
        public boolean fromRule() {
            return alertKey.startsWith("rule:");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile String secret;
    private final Clock clock;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hang = new CountDownLatch(0);

    private WebhookReceiver(HttpServer server, String secret, Clock clock) {
        this.server = server;
        this.secret = secret;
        this.clock = clock;
    }

    public static WebhookReceiver start(String secret, Clock clock) throws IOException {
        return start(secret, clock, 0);
    }

    /** A receiver on {@code port} of 127.0.0.1 (0: any free port). */
    public static WebhookReceiver start(String secret, Clock clock, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        WebhookReceiver receiver = new WebhookReceiver(server, secret, clock);
        server.createContext("/hook", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Checks signatures with this secret from now on (a channel's secret is made by Breakwater when it is created). */
    public void useSecret(String value) {
        secret = value;
    }

    /** From now on, requests are read and then held without an answer until {@link #answerAgain()}. */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void answerAgain() {
        hang.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What arrived of alert rules' alerts: Breakwater's own alerts go to every channel too. */
    public List<Received> receivedFromRules() {
        return received.stream().filter(Received::fromRule).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            hang.await();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Breakwater-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Breakwater-Signature");
            boolean valid = timestamp != null && signature != null
                    && MessageDigest.isEqual(signature.getBytes(UTF_8), ("sha256=" + hmac(timestamp, body)).getBytes(UTF_8));
            JsonNode payload = JSON.readTree(body);
            JsonNode alert = payload.path("alert");
            String deliveryId = exchange.getRequestHeaders().getFirst("X-Breakwater-Delivery");
            received.add(new Received(clock.instant(), deliveryId == null ? "" : deliveryId,
                    payload.path("delivery").asText(), alert.path("key").asText(),
                    alert.path("title").asText(), alert.path("state").asText(), valid));
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
    }
}
