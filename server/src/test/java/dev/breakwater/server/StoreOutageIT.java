package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.testing.PostgresServer;
import dev.breakwater.testing.TestingDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server on PostgreSQL, and PostgreSQL stops for a while: ingest keeps answering 200 (the spool holds the
 * events), the events lane shows {@code retrying} with the error, and once the database is back every acknowledged
 * event is stored exactly once.
 */
class StoreOutageIT {
    @TempDir
    Path data;

    @Test
    void ingestKeepsAcknowledgingWhileTheStoreIsDownAndNothingIsLostOrDoubled() throws Exception {
        try (PostgresServer postgres = PostgresServer.start("server-outage")) {
            TestingDatabase db = postgres.newDatabase();
            try (TestingServer server = TestingServer.start(data, Map.of(
                    "store.engine", "postgresql",
                    "store.jdbc-url", db.jdbcUrl(),
                    "store.user", db.user(),
                    "store.password", db.password(),
                    "store.acquisition-timeout", "1s",
                    "pipeline.max-backoff", "1s"))) {
                ProjectKey key = server.defaultKey();
                Set<String> acknowledged = new HashSet<>();
                send(server, key, 0, 50, acknowledged);
                await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents(server) == 50);

                postgres.stop();
                send(server, key, 50, 150, acknowledged);
                assertThat(acknowledged).as("ingest does not need the store").hasSize(150);
                await().atMost(Duration.ofSeconds(30)).until(() -> "retrying".equals(events(server).path("state").asText()));
                assertThat(events(server).path("lastError").asText()).isNotBlank();
                assertThat(events(server).path("backlogRecords").asLong()).isEqualTo(100);

                postgres.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> events(server).path("backlogRecords").asLong() == 0);
                assertThat(events(server).path("state").asText()).isEqualTo("running");
                JsonNode issue = server.api("/api/v1/projects/default/issues").path("items").get(0);
                assertThat(issue.path("count").asLong()).isEqualTo(150);
                Set<String> stored = new HashSet<>();
                JsonNode page = server.api("/api/v1/issues/" + issue.path("id").asLong() + "/events?limit=1000");
                page.path("items").forEach(e -> stored.add(e.path("message").asText()));
                assertThat(stored).isEqualTo(acknowledged);
            }
        }
    }

    private static void send(TestingServer server, ProjectKey key, int from, int to, Set<String> acknowledged)
            throws Exception {
        for (int i = from; i < to; i++) {
            String marker = "outage-event-" + i;
            HttpResponse<String> response = server.post("/api/" + key.projectId() + "/envelope/",
                    Envelopes.event(marker), Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey())));
            if (response.statusCode() == 200) {
                acknowledged.add(marker);
            }
        }
    }

    private static long storedEvents(TestingServer server) throws Exception {
        long count = 0;
        for (JsonNode issue : server.api("/api/v1/projects/default/issues?status=all").path("items")) {
            count += issue.path("count").asLong();
        }
        return count;
    }

    private static JsonNode events(TestingServer server) throws Exception {
        for (JsonNode lane : server.api("/api/v1/pipeline").path("lanes")) {
            if (lane.path("name").asText().equals("events")) {
                return lane;
            }
        }
        throw new AssertionError("no events lane in /api/v1/pipeline");
    }
}
