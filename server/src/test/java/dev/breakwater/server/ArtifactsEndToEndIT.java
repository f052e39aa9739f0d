package dev.breakwater.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.ingest.ProjectKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From upload to API: source maps and ProGuard mappings uploaded the way Rollbar's docs show ({@code curl -F} to
 * {@code /api/1/sourcemap} and {@code /api/1/proguard} with the project's access token), over real HTTP, through the
 * spool and the artifacts lane into the store, and read back with the read API.
 */
class ArtifactsEndToEndIT {
    private static final String BOUNDARY = "------------------------d74496d66958873e";

    @TempDir
    Path data;

    TestingServer server;
    ProjectKey key;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = TestingServer.start(data, Map.of());
        key = server.defaultKey();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void uploadedArtifactsAreListedByTheApiWithTheirSizeAndChecksum() throws Exception {
        byte[] map = "{\"version\":3,\"file\":\"app.min.js\",\"sources\":[\"app.js\"],\"names\":[],\"mappings\":\"AAAA;AACA\"}"
                .getBytes(UTF_8);
        HttpResponse<String> uploaded = upload("/api/1/sourcemap", List.of(
                field("access_token", key.rollbarToken()),
                field("version", "shop@2.1.0"),
                field("minified_url", "https://shop.example/static/app.min.js"),
                file("source_map", "app.min.js.map", map),
                file("static/app.js", "app.js", "function a() {}".getBytes(UTF_8))));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.body()).isEqualTo("{\"err\":0,\"result\":{}}");

        byte[] mapping = new byte[300 << 10]; // a larger upload, binary-safe
        new Random(11).nextBytes(mapping);
        HttpResponse<String> proguard = upload("/api/1/proguard", List.of(
                field("version", "shop@2.1.0"), file("mapping", "mapping.txt", mapping)));
        assertThat(proguard.statusCode()).as(proguard.body()).isEqualTo(200);

        // a malformed upload is accepted at the door (ingest does not parse it) and quarantined by the lane
        HttpResponse<String> noVersion = upload("/api/1/sourcemap", List.of(
                field("minified_url", "https://shop.example/static/other.min.js"), file("source_map", "o.map", map)));
        assertThat(noVersion.statusCode()).as(noVersion.body()).isEqualTo(200);

        List<JsonNode> artifacts = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(server.api("/api/v1/projects/default/artifacts")), list -> list.size() == 2);
        JsonNode sourceMap = artifacts.stream().filter(a -> a.path("kind").asText().equals("sourcemap")).findFirst()
                .orElseThrow();
        assertThat(sourceMap.path("version").asText()).isEqualTo("shop@2.1.0");
        assertThat(sourceMap.path("name").asText()).isEqualTo("https://shop.example/static/app.min.js");
        assertThat(sourceMap.path("size").asLong()).isEqualTo(map.length);
        assertThat(sourceMap.path("sha256").asText()).isEqualTo(sha256(map));
        assertThat(Instant.parse(sourceMap.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(sourceMap.path("projectSlug").asText()).isEqualTo("default");

        JsonNode mappingFile = artifacts.stream().filter(a -> a.path("kind").asText().equals("proguard")).findFirst()
                .orElseThrow();
        assertThat(mappingFile.path("name").asText()).isEqualTo("mapping.txt");
        assertThat(mappingFile.path("size").asLong()).isEqualTo(mapping.length);
        assertThat(mappingFile.path("sha256").asText()).isEqualTo(sha256(mapping));
        assertThat(server.breakwater.store().artifactContent(mappingFile.path("id").asLong()))
                .hasValueSatisfying(content -> assertThat(content).containsExactly(mapping));

        JsonNode quarantine = await().atMost(Duration.ofSeconds(30)).until(
                () -> server.api("/api/v1/lanes/artifacts/quarantine"), q -> q.path("total").asLong() > 0);
        assertThat(quarantine.path("total").asLong()).isEqualTo(1);
        JsonNode quarantined = quarantine.path("items").get(0);
        assertThat(quarantined.path("source").asText()).isEqualTo("rollbar-sourcemap");
        assertThat(quarantined.path("reason").asText()).isEqualTo(
                "rollbar-sourcemap: form field 'version' is missing (fields: minified_url, source_map)");
    }

    @Test
    void aNewUploadOfTheSameFileForTheSameReleaseReplacesTheOld() throws Exception {
        for (String content : List.of("{\"version\":3,\"mappings\":\"A\"}", "{\"version\":3,\"mappings\":\"AAAA;B\"}")) {
            HttpResponse<String> answer = upload("/api/1/sourcemap", List.of(field("version", "1.0"),
                    field("minified_url", "https://shop.example/app.min.js"),
                    file("source_map", "app.min.js.map", content.getBytes(UTF_8))));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        String newest = sha256("{\"version\":3,\"mappings\":\"AAAA;B\"}".getBytes(UTF_8));
        List<JsonNode> artifacts = await().atMost(Duration.ofSeconds(30)).until(
                () -> items(server.api("/api/v1/projects/default/artifacts")),
                list -> list.size() == 1 && list.getFirst().path("sha256").asText().equals(newest));
        assertThat(artifacts.getFirst().path("name").asText()).isEqualTo("https://shop.example/app.min.js");
    }

    private HttpResponse<String> upload(String path, List<byte[]> parts) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(UTF_8));
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes(UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .header("X-Rollbar-Access-Token", key.rollbarToken())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(UTF_8);
    }

    private static byte[] file(String name, String filename, byte[] content) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(UTF_8));
        part.writeBytes(content);
        return part.toByteArray();
    }

    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(items::add);
        return items;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
