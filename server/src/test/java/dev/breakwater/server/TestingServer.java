package dev.breakwater.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.project.Project;
import dev.breakwater.spool.LaneReader;
import dev.breakwater.spool.SpoolRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real Breakwater on an ephemeral port over a temporary data folder, for tests. */
final class TestingServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path data;
    final Breakwater breakwater;
    private final Settings settings;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestingServer(Path data, Settings settings, Breakwater breakwater) {
        this.data = data;
        this.settings = settings;
        this.breakwater = breakwater;
    }

    static TestingServer start(Path data, Map<String, String> overrides) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("data.dir", data.toString());
        all.put("http.port", "0");
        all.put("http.host", "127.0.0.1");
        all.put("node.id", "test-node");
        all.put("admin.token", ADMIN_TOKEN);
        all.putAll(overrides);
        Settings settings = Settings.load(null, Map.of(), all);
        return new TestingServer(data, settings, Breakwater.start(settings, Clock.systemUTC()));
    }

    TestingServer restart() throws IOException {
        breakwater.close();
        return new TestingServer(data, settings, Breakwater.start(settings, Clock.systemUTC()));
    }

    /** POSTs to this server with the given headers; a fresh connection pool per server, 30 s timeout. */
    HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + path, e);
        }
    }

    /** GETs an API path with the admin token and parses the JSON answer; fails on any status but 200. */
    JsonNode api(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + path, e);
        }
    }

    /** The value of an unlabelled metric in this server's {@code /metrics}, e.g. {@code breakwater_ingest_requests_active}. */
    double metric(String name) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
            throw new IOException("no metric " + name + " in /metrics");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading /metrics", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + breakwater.port();
    }

    ProjectKey defaultKey() throws IOException {
        Project project = breakwater.projects().bySlug("default").orElseThrow();
        return project.keys().getFirst();
    }

    String dsn() throws IOException {
        ProjectKey key = defaultKey();
        return "http://" + key.publicKey() + "@127.0.0.1:" + breakwater.port() + "/" + key.projectId();
    }

    /** Every durable record of a lane, read through the spool API without moving any consumer. */
    List<SpoolRecord> records(String lane) throws IOException {
        List<SpoolRecord> all = new ArrayList<>();
        try (LaneReader reader = breakwater.spool().lane(lane).reader(breakwater.spool().lane(lane).stats().oldestOffset())) {
            for (List<SpoolRecord> batch = reader.poll(1000, 64 << 20); !batch.isEmpty(); batch = reader.poll(1000, 64 << 20)) {
                all.addAll(batch);
            }
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        breakwater.close();
    }
}
