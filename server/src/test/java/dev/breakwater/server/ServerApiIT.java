package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, metrics and the projects API, over real HTTP. */
class ServerApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer test-admin-token-0123456789";

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(TestingServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(TestingServer server, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (TestingServer server = TestingServer.start(data, Map.of())) {
            assertThat(get(server, "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz", null).statusCode()).isEqualTo(200);
            post(server, "/api/1/envelope/", "{}", null); // one refusal, so the counter exists
            HttpResponse<String> metrics = get(server, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("breakwater_ingest_refusals_total{endpoint=\"sentry-envelope\",reason=\"missing_auth\"} 1.0")
                    .contains("breakwater_spool_backlog_records{lane=\"events\"}")
                    .contains("breakwater_spool_fsync_seconds")
                    .contains("breakwater_pipeline_delay_seconds ")
                    .contains("breakwater_pipeline_lane_delay_seconds{lane=\"events\"}")
                    .contains("breakwater_pipeline_backlog_records{lane=\"deploys\"}")
                    .contains("breakwater_pipeline_lane_state{lane=\"events\"}")
                    .contains("breakwater_pipeline_records_processed_total{lane=\"events\"}")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void projectsApiNeedsTheAdminTokenAndCreatesProjectsWithKeys() throws Exception {
        try (TestingServer server = TestingServer.start(data, Map.of())) {
            assertThat(get(server, "/api/v1/projects", null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/api/v1/projects", "Bearer wrong").statusCode()).isEqualTo(401);

            HttpResponse<String> created = post(server, "/api/v1/projects", "{\"name\": \"Shop Backend\"}", ADMIN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode project = JSON.readTree(created.body());
            assertThat(project.path("slug").asText()).isEqualTo("shop-backend");
            JsonNode key = project.path("keys").path(0);
            assertThat(key.path("dsn").asText())
                    .isEqualTo("http://" + key.path("publicKey").asText() + "@127.0.0.1:" + server.breakwater.port() + "/"
                            + project.path("id").asText());
            assertThat(key.path("rollbarAccessToken").asText()).hasSize(32);

            JsonNode list = JSON.readTree(get(server, "/api/v1/projects", ADMIN).body());
            assertThat(list.path("items")).extracting(n -> n.path("slug").asText()).containsExactly("default", "shop-backend");
            assertThat(get(server, "/api/v1/projects/shop-backend", ADMIN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/api/v1/projects/nope", ADMIN).statusCode()).isEqualTo(404);

            HttpResponse<String> bad = post(server, "/api/v1/projects", "{\"title\": 1}", ADMIN);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("error").path("code").asText()).isEqualTo("invalid_payload");
        }
    }

    @Test
    void projectsAndTokensSurviveARestart() throws Exception {
        TestingServer server = TestingServer.start(data, Map.of("admin.token", ""));
        String token = Files.readString(data.resolve("admin-token")).strip();
        String dsn = server.dsn();
        server = server.restart();
        try {
            assertThat(server.dsn()).isEqualTo(dsn.replaceAll(":\\d+/", ":" + server.breakwater.port() + "/"));
            assertThat(get(server, "/api/v1/projects", "Bearer " + token).statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
    }
}
