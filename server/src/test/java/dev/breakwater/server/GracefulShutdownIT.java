package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.spool.SpoolRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutting down under load: ingest stops accepting (503 or refused connections), in-flight requests finish, the
 * spool forces and closes. Every request that got a 200 is on disk after a restart; nothing else answered 200.
 */
class GracefulShutdownIT {
    @TempDir
    Path data;

    @Test
    void shutdownUnderLoadLosesNothingAcknowledged() throws Exception {
        TestingServer server = TestingServer.start(data, Map.of("ingest.rate-limit-per-second", "0"));
        ProjectKey key = server.defaultKey();
        String url = server.baseUrl() + "/api/" + key.projectId() + "/envelope/";
        HttpClient http = HttpClient.newHttpClient();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> refusals = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    String marker = "shutdown-event-" + sequence.incrementAndGet();
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()))
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(Envelopes.event(marker)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            acknowledged.add(marker);
                        } else {
                            refusals.add(response.statusCode());
                        }
                    } catch (IOException e) {
                        // connection refused or closed once the server stopped listening
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
        server.close();
        int acknowledgedAtClose = acknowledged.size();
        running.set(false);
        for (Thread sender : senders) {
            sender.join(15_000);
        }
        assertThat(acknowledged).as("nothing is acknowledged after close returns").hasSize(acknowledgedAtClose);
        assertThat(refusals).as("refusals during the drain are 503s").isSubsetOf(Set.of(503));

        TestingServer reopened = server.restart();
        try {
            Set<String> stored = new HashSet<>();
            Pattern marker = Pattern.compile("\"message\":\"(shutdown-event-\\d+)\"");
            for (SpoolRecord record : reopened.records(Lanes.EVENTS)) {
                Matcher m = marker.matcher(RecordBodies.text(record));
                assertThat(m.find()).isTrue();
                stored.add(m.group(1));
            }
            assertThat(stored).containsAll(acknowledged);
        } finally {
            reopened.close();
        }
    }
}
