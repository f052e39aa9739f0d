package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.server.drill.WebhookReceiver;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification outbox across a {@code kill -9}: the real server jar in a child JVM fires an alert whose webhook
 * is down (nothing listens on its port yet), so the delivery waits in the outbox for its retry; the server is killed
 * there. After a restart, with the receiver up, the notification arrives, once: the receiver sees that delivery id
 * exactly once, and the store counts the failed attempt and the successful one.
 */
class OutboxCrashIT {
    private static final String ADMIN_TOKEN = "outbox-crash-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "BREAKWATER_ADMIN_TOKEN", ADMIN_TOKEN,
            "BREAKWATER_NODE_ID", "outbox-node",
            "BREAKWATER_ALERT_EVALUATION_INTERVAL", "1s",
            "BREAKWATER_ALERT_POLL_INTERVAL", "200ms",
            // retries at most 2 s apart, so the restarted server retries the waiting delivery at once
            "BREAKWATER_ALERT_MAX_BACKOFF", "2s");

    @TempDir
    Path data;

    @Test
    void aNotificationQueuedBeforeAKillIsDeliveredOnceAfterTheRestart() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int receiverPort = ChildServer.freePort(); // nothing listens here until after the kill
        int port = ChildServer.freePort();
        Process server = ChildServer.start(data, port, ENVIRONMENT);
        long channelId;
        try {
            ChildServer.Credentials credentials = ChildServer.awaitDsn(server);
            String base = "http://127.0.0.1:" + port;
            JsonNode channel = post(http, base + "/api/v1/notification-channels",
                    "{\"name\":\"team hook\",\"kind\":\"webhook\",\"target\":\"http://127.0.0.1:" + receiverPort + "/hook\"}");
            channelId = channel.path("id").asLong();
            post(http, base + "/api/v1/projects/default/alert-rules",
                    "{\"name\":\"every new issue\",\"kind\":\"new_issue\",\"channelIds\":[" + channelId + "]}");
            sendEvent(http, base, credentials);

            await().atMost(Duration.ofSeconds(60)).until(() -> get(http, base + "/api/v1/alerts?state=all").path("items").size() == 1);
            // the first attempt is refused at once and the delivery waits for its retry: kill the server now
            Thread.sleep(1_000);
        } finally {
            server.destroyForcibly().waitFor();
        }

        List<DeliveryRecord> beforeRestart = deliveries();
        assertThat(beforeRestart).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryRecord.PENDING);
            assertThat(d.attempts()).as("the refused attempt was recorded").isGreaterThanOrEqualTo(1);
        });
        String secret = channelSecret(channelId);

        try (WebhookReceiver receiver = WebhookReceiver.start(secret, Clock.systemUTC(), receiverPort)) {
            Process restarted = ChildServer.start(data, ChildServer.freePort(), ENVIRONMENT);
            try {
                ChildServer.awaitDsn(restarted);
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFromRules().isEmpty());
                // give a duplicate every chance to show up
                Thread.sleep(3_000);
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
            List<WebhookReceiver.Received> received = receiver.receivedFromRules();
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.deliveryKind()).isEqualTo("fired");
                assertThat(r.alertKey()).startsWith("rule:");
                assertThat(r.signatureValid()).isTrue();
                assertThat(r.deliveryId()).isEqualTo(Long.toString(beforeRestart.getFirst().id()));
            });
        }
        DeliveryRecord delivered = deliveries().getFirst();
        assertThat(delivered.state()).isEqualTo(DeliveryRecord.DELIVERED);
        assertThat(delivered.attempts()).as("the attempts before the kill, plus the one that arrived")
                .isEqualTo(beforeRestart.getFirst().attempts() + 1);
    }

    /**
     * The deliveries of the rule's alert. Breakwater's own alerts (a store pool that had a thread waiting, say) go
     * to every channel too, so the test counts only the rule's: one alert, delivered exactly once.
     */
    private List<DeliveryRecord> deliveries() throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(data.resolve("breakwater.db")))) {
            List<AlertRecord> alerts = store.alerts(Optional.empty(), 10).stream()
                    .filter(alert -> alert.ruleId().isPresent())
                    .toList();
            assertThat(alerts).hasSize(1);
            return store.deliveries(alerts.getFirst().id());
        }
    }

    private String channelSecret(long channelId) throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(data.resolve("breakwater.db")))) {
            return store.channels().stream().filter(c -> c.id() == channelId).findFirst().orElseThrow().secret();
        }
    }

    private static void sendEvent(HttpClient http, String base, ChildServer.Credentials credentials) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/" + credentials.projectId() + "/envelope/"))
                        .header("X-Sentry-Auth", Envelopes.sentryAuth(credentials.publicKey()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Envelopes.event("outbox-crash")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
