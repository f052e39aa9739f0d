package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.server.config.Settings;
import dev.breakwater.spool.LaneReader;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise end to end: the real server jar runs in a child JVM under a steady load of uniquely numbered events
 * and is {@code kill -9}'d at random moments (ingest, spool and pipeline all busy), then restarted on the same data
 * folder. Every event that got a 200 must be in the events lane afterwards, intact; and once the pipeline has
 * drained, every record of the lane is stored exactly once, with issue counts equal to event counts. (The spool's own
 * crash test kills a bare spool 50+ times; this one kills the whole server fewer times because each start costs a
 * JVM.)
 */
class ServerCrashIT {
    private static final int KILLS = 8;
    private static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "BREAKWATER_INGEST_RATE_LIMIT_PER_SECOND", "0",
            "BREAKWATER_NODE_ID", "crash-node",
            "BREAKWATER_ADMIN_TOKEN", ADMIN_TOKEN);

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedEventSurvivesKillDashNineAndIsStoredExactlyOnce() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        Random random = new Random(42);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        for (int round = 0; round < KILLS; round++) {
            int port = ChildServer.freePort();
            Process server = ChildServer.start(data, port, ENVIRONMENT);
            try {
                ChildServer.Credentials credentials = ChildServer.awaitDsn(server);
                String url = "http://127.0.0.1:" + port + "/api/" + credentials.projectId() + "/envelope/";
                String auth = Envelopes.sentryAuth(credentials.publicKey());
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    senders.add(Thread.ofVirtual().start(() -> {
                        while (running.get()) {
                            String marker = "crash-event-" + sequence.incrementAndGet();
                            try {
                                HttpResponse<String> response = http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .header("X-Sentry-Auth", auth)
                                                .timeout(Duration.ofSeconds(5))
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(Envelopes.event(marker)))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() == 200) {
                                    acknowledged.add(marker);
                                }
                            } catch (IOException e) {
                                // the server died under us: this one was never acknowledged
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }));
                }
                int before = acknowledged.size();
                // kill at a random point once some events were acknowledged in this round
                int target = before + 20 + random.nextInt(400);
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
                server.destroyForcibly().waitFor();
                running.set(false);
                for (Thread sender : senders) {
                    sender.join(10_000);
                }
            } finally {
                server.destroyForcibly().waitFor();
            }
        }

        Set<String> stored = storedMarkers();
        assertThat(acknowledged).hasSizeGreaterThan(KILLS * 20);
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged but not in the spool").isEmpty();

        int port = ChildServer.freePort();
        Process server = ChildServer.start(data, port, ENVIRONMENT);
        try {
            ChildServer.awaitDsn(server);
            Api api = new Api(http, "http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(120)).until(() -> api.eventsBacklog() == 0);
            List<String> processed = new ArrayList<>();
            long counted = 0;
            for (JsonNode issue : api.all("/api/v1/projects/default/issues?status=all")) {
                counted += issue.path("count").asLong();
                for (JsonNode event : api.all("/api/v1/issues/" + issue.path("id").asLong() + "/events")) {
                    processed.add(event.path("message").asText());
                }
            }
            assertThat(processed).as("no event stored twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(processed)).as("every spooled event stored, none skipped").isEqualTo(stored);
            assertThat(counted).as("issue counts equal event counts").isEqualTo(processed.size());
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    /** The child server's read API, with the admin token the test gave it. */
    private record Api(HttpClient http, String base) {
        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        long eventsBacklog() throws IOException, InterruptedException {
            for (JsonNode lane : get("/api/v1/pipeline").path("lanes")) {
                if (lane.path("name").asText().equals("events")) {
                    return lane.path("backlogRecords").asLong();
                }
            }
            throw new AssertionError("no events lane in /api/v1/pipeline");
        }

        /** Every item of a paged list, following nextCursor. */
        List<JsonNode> all(String path) throws IOException, InterruptedException {
            List<JsonNode> items = new ArrayList<>();
            String separator = path.contains("?") ? "&" : "?";
            String cursor = null;
            do {
                JsonNode page = get(path + separator + "limit=1000"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                page.path("items").forEach(items::add);
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            return items;
        }
    }

    private Set<String> storedMarkers() throws IOException {
        Settings settings = Settings.load(null, Map.of(), Map.of("data.dir", data.toString()));
        Set<String> markers = new HashSet<>();
        Pattern marker = Pattern.compile("\"message\":\"(crash-event-\\d+)\"");
        try (Spool spool = Spool.open(Breakwater.spoolConfig(settings, data), Clock.systemUTC());
                LaneReader reader = spool.lane(Lanes.EVENTS).reader(spool.lane(Lanes.EVENTS).stats().oldestOffset())) {
            for (List<SpoolRecord> batch = reader.poll(1000, 16 << 20); !batch.isEmpty(); batch = reader.poll(1000, 16 << 20)) {
                for (SpoolRecord record : batch) {
                    Matcher m = marker.matcher(RecordBodies.text(record));
                    assertThat(m.find()).as("record %s holds a whole event", record.offset()).isTrue();
                    markers.add(m.group(1));
                }
            }
        }
        return markers;
    }
}
