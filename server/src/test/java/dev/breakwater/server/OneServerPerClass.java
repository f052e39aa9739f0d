package dev.breakwater.server;

import dev.breakwater.ingest.ProjectKey;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * For protocol suites whose tests can share one server: starts it once per class with {@link #settings()} over a
 * fresh data folder, and removes both afterwards. Each test compares lane counts before and after, so the order
 * of tests does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneServerPerClass {
    Path data;
    TestingServer server;
    ProjectKey key;

    /** Configuration overrides for this suite's server. */
    Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startServer() throws Exception {
        data = Files.createTempDirectory("breakwater-it-");
        server = TestingServer.start(data, settings());
        key = server.defaultKey();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        return server.post(path, body, headers);
    }
}
