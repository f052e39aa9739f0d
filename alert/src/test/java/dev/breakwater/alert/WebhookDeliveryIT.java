package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook and Slack-style deliveries to real local HTTP endpoints. */
class WebhookDeliveryIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "whsec-0123456789";

    @TempDir
    Path directory;

    Store store;
    Receiver hook;
    Receiver chat;
    ChannelRecord webhook;
    ChannelRecord slack;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        hook = new Receiver();
        chat = new Receiver();
        webhook = AlertTesting.channel(store, "ops hook", "webhook", hook.url("/breakwater"), SECRET);
        slack = AlertTesting.channel(store, "ops chat", "slack", chat.url("/services/T000/B000/XXXX"), "");
        alerts = Alerts.start(AlertTesting.fastConfig().withPublicUrl(URI.create("https://bw.example.com")), store,
                clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        hook.close();
        chat.close();
        store.close();
    }

    static Condition disk(boolean active) {
        return new Condition("disk:spool", "Spool disk 90 % full", "/var/lib/breakwater is 91 % full", active, 0,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** What a receiver does: recompute the HMAC over timestamp.body with the shared secret, compare in constant time. */
    static boolean verify(Receiver.Request request, String secret) throws Exception {
        String timestamp = request.header("X-Breakwater-Timestamp");
        String signature = request.header("X-Breakwater-Signature");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8));
        return signature != null && signature.startsWith("sha256=")
                && MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring("sha256=".length())));
    }

    DeliveryRecord delivery(long alertId, long channelId, String kind) throws Exception {
        return store.deliveries(alertId).stream()
                .filter(d -> d.channelId() == channelId && d.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theWebhookReceivesTheSignedPayloadOnce() throws Exception {
        AlertRecord alert = alerts.book().observe(disk(true), T0).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
        Receiver.Request request = hook.requests().get(0);
        assertThat(request.path()).isEqualTo("/breakwater");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Breakwater-Timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(verify(request, SECRET)).isTrue();
        assertThat(verify(request, "another secret")).isFalse();
        DeliveryRecord delivery = delivery(alert.id(), webhook.id(), "fired");
        assertThat(request.header("X-Breakwater-Delivery")).isEqualTo(Long.toString(delivery.id()));

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("delivery").asText()).isEqualTo("fired");
        assertThat(body.get("project").isNull()).isTrue();
        assertThat(body.get("sentAt").asText()).isEqualTo(T0.toString());
        JsonNode node = body.get("alert");
        assertThat(node.get("id").asLong()).isEqualTo(alert.id());
        assertThat(node.get("key").asText()).isEqualTo("disk:spool");
        assertThat(node.get("title").asText()).isEqualTo("Spool disk 90 % full");
        assertThat(node.get("details").asText()).isEqualTo("/var/lib/breakwater is 91 % full");
        assertThat(node.get("state").asText()).isEqualTo("firing");
        assertThat(node.get("step").asInt()).isZero();
        assertThat(node.get("openedAt").asText()).isEqualTo(T0.toString());
        assertThat(node.get("url").asText()).isEqualTo("https://bw.example.com/alerts/" + alert.id());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            DeliveryRecord done = delivery(alert.id(), webhook.id(), "fired");
            assertThat(done.state()).isEqualTo(DeliveryRecord.DELIVERED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(done.deliveredAt()).contains(T0);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> alerts.metrics().sent() == 2);
        // delivered means done: later polls do not send it again
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> hook.requests().size() == 1);
    }

    @Test
    void theSlackChannelReceivesAReadableTextMessage() throws Exception {
        AlertRecord alert = alerts.book().observe(disk(true), T0).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> chat.requests().size() == 1);
        Receiver.Request request = chat.requests().get(0);
        assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.properties()).hasSize(1);
        assertThat(body.get("text").asText()).isEqualTo("*[FIRING]* Spool disk 90 % full\n"
                + "/var/lib/breakwater is 91 % full\n"
                + "<https://bw.example.com/alerts/" + alert.id() + "|Open alert " + alert.id() + " in Breakwater>");
    }

    @Test
    void resolutionIsDeliveredToo() throws Exception {
        AlertRecord alert = alerts.book().observe(disk(true), T0).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1 && chat.requests().size() == 1);

        alerts.book().observe(disk(false), T0);

        await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 2 && chat.requests().size() == 2);
        JsonNode resolved = JSON.readTree(hook.requests().get(1).body());
        assertThat(resolved.get("delivery").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alert").get("state").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alert").get("id").asLong()).isEqualTo(alert.id());
        assertThat(verify(hook.requests().get(1), SECRET)).isTrue();
        assertThat(JSON.readTree(chat.requests().get(1).body()).get("text").asText())
                .startsWith("*[RESOLVED]* Spool disk 90 % full");
    }
}
