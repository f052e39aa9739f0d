package dev.breakwater.server.drill;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.server.project.Project;
import dev.breakwater.store.ArtifactRecord;
import dev.breakwater.store.Store;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code blocked-lane}: one lane's store writes fail while everything else works, as in the post-mortem where the
 * artifacts lane's writes failed. A connection of the drill's own holds {@code LOCK TABLE artifacts IN ACCESS EXCLUSIVE
 * MODE} in an open transaction, so each artifacts batch waits out the store's statement timeout and fails transiently.
 * Rollbar source map uploads (with the project's Rollbar access token) and Sentry events are sent all the while.
 * Expected, each within 30 s: the artifacts lane retrying, the status page showing Processing: artifacts in a partial
 * outage, the {@code lane:artifacts:retrying} alert notified and naming the lane, and events still being stored: once
 * sending stops, every accepted event is stored while the lock is still held; all the while, on every poll, every other
 * component operational and no other lane retrying. The lock released, the alert resolved, Processing: artifacts
 * operational, and every accepted source map and event stored, once.
 *
 * <p>Runs on PostgreSQL only, where a table lock is how a lane's writes fail while other lanes' succeed: the run's
 * settings {@code store.engine=postgresql}, {@code store.jdbc-url}, {@code store.user} and {@code store.password} name
 * an empty database that the drill's Breakwater fills and leaves filled (on the command line: {@code --set}).
 */
final class BlockedLaneDrill implements Drill {
    private static final String NEEDS = "needs PostgreSQL: run it with store.engine=postgresql, store.jdbc-url, store.user and"
            + " store.password naming an empty database of its own (breakwater drill blocked-lane"
            + " --set store.engine=postgresql --set store.jdbc-url=jdbc:postgresql://HOST:5432/DB --set store.user=USER"
            + " --set store.password=PASSWORD)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String LANE = "artifacts";
    private static final String BLOCKED = "Processing: " + LANE;
    private static final String ALERT = "lane:" + LANE + ":retrying";
    private static final long EVENT_EVERY_MS = 100;
    private static final long UPLOAD_EVERY_MS = 250;
    private static final String RELEASE = "drill-1.0";
    private static final String BOUNDARY = "breakwater-drill-boundary";
    /** Events the store must take while the lock is held before the drill calls the events lane unaffected. */
    private static final long STORED_WHILE_BLOCKED = 20;

    @Override
    public String name() {
        return "blocked-lane";
    }

    @Override
    public String summary() {
        return "the artifacts lane's store writes fail (a table lock) while source maps are uploaded -> events keep"
                + " being stored, alert lane:artifacts:retrying, Processing: artifacts partial outage and nothing else;"
                + " lock released -> resolved, every source map and event stored once"
                + " (needs PostgreSQL: --set store.engine=postgresql ...)";
    }

    /** Quick enough for a drill well under a minute: a blocked write fails after 2 s, the alert follows 3 s on. */
    @Override
    public Map<String, String> settings(Path data) {
        return Map.of(
                "store.statement-timeout", "2s",
                "monitor.retrying-for", "3s",
                "pipeline.max-backoff", "2s");
    }

    @Override
    public void run(DrillBench bench) throws Exception {
        Store store = bench.server().store();
        if (!store.engine().equals("postgresql")) {
            throw new DrillFailure(NEEDS + "; this run's store is " + store.engine());
        }
        String url = bench.setting("store.jdbc-url").filter(s -> !s.isEmpty())
                .orElseThrow(() -> new DrillFailure(NEEDS));
        Project project = bench.server().projects().bySlug("default").orElseThrow();
        long eventsBefore = bench.storedEvents();
        int artifactsBefore = store.artifacts(project.id()).size();
        int projects = bench.server().projects().projects().size();
        if (eventsBefore > 0 || artifactsBefore > 0 || projects > 1) {
            throw new DrillFailure("the database at " + redact(url) + " is not empty (events: " + eventsBefore
                    + ", artifacts: " + artifactsBefore + ", projects: " + projects + "): the drill locks its tables"
                    + " and counts what it stores, so give it an empty database of its own");
        }
        bench.note("store: PostgreSQL at " + redact(url) + ", statement timeout "
                + bench.setting("store.statement-timeout").orElse("?"));

        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            Traffic traffic = new Traffic(bench, http, project);
            traffic.sendSourceMap(0);
            traffic.sendEvent(0);
            bench.await("both lanes writing: the first source map and event stored", WITHIN, () ->
                    Optional.of(store.artifacts(project.id()).size() + bench.storedEvents()).filter(n -> n == 2));
            bench.await("status page: every component operational", WITHIN, () -> {
                Map<String, String> components = components(bench);
                return components.containsKey(BLOCKED) && components.containsKey("Processing: events")
                                && components.values().stream().allMatch("operational"::equals)
                        ? Optional.of(components.keySet())
                        : Optional.empty();
            });

            Connection lock = lock(bench, url);
            try {
                long storedAtLock = bench.storedEvents();
                traffic.start();
                bench.note("artifacts table locked (ACCESS EXCLUSIVE, transaction held open); sending a Sentry event"
                        + " every " + EVENT_EVERY_MS + " ms and a Rollbar source map every " + UPLOAD_EVERY_MS + " ms");
                LaneStatus retrying = bench.await("artifacts lane retrying", WITHIN, whileBlocked(bench, () ->
                        lane(bench, LANE).filter(lane -> lane.state() == LaneState.RETRYING)));
                bench.note("artifacts lane: " + retrying.backlogRecords() + " records waiting; last error: "
                        + retrying.lastError().orElse("none reported"));
                bench.await("status page: " + BLOCKED + " partial_outage, every other component operational", WITHIN,
                        whileBlocked(bench, () -> Optional.ofNullable(components(bench).get(BLOCKED))
                                .filter("partial_outage"::equals)));
                WebhookReceiver.Received fired = bench.await("alert " + ALERT + " notified", WITHIN,
                        whileBlocked(bench, () -> bench.notification(ALERT, "fired")));
                if (!fired.title().contains(LANE)) {
                    throw new DrillFailure("the alert does not name the " + LANE + " lane: '" + fired.title() + "'");
                }
                bench.note("the alert names the lane: '" + fired.title() + "'");
                long stored = bench.await("events still stored while the artifacts lane is blocked", WITHIN,
                        whileBlocked(bench, () -> Optional.of(bench.storedEvents() - storedAtLock)
                                .filter(n -> n >= STORED_WHILE_BLOCKED)));
                bench.note(stored + " events stored since the lock was taken; sending stops, the lock still held");
                traffic.stop();
                long sent = traffic.events.get();
                bench.await("every event accepted so far stored (" + sent + "), the artifacts lane still blocked",
                        WITHIN,
                        whileBlocked(bench, () -> Optional.of(bench.storedEvents()).filter(n -> n == sent)));
                LaneStatus stillBlocked = lane(bench, LANE).orElseThrow();
                if (stillBlocked.state() != LaneState.RETRYING || stillBlocked.backlogRecords() == 0) {
                    throw new DrillFailure("the artifacts lane got through while its table was locked: " + stillBlocked);
                }
                if (bench.notifications("lane:", "fired") != bench.notifications(ALERT, "fired")) {
                    throw new DrillFailure("an alert fired for another lane: " + bench.receiver().received());
                }
                bench.note("artifacts lane still retrying with " + stillBlocked.backlogRecords() + " records waiting; no"
                        + " other lane retried, alerted or left operational on the status page on any poll");
            } finally {
                try {
                    traffic.stop();
                } finally {
                    release(lock);
                }
            }
            bench.note("lock released (rolled back); " + traffic.sourceMaps.size() + " source maps and "
                    + traffic.events.get() + " events were accepted in all");

            bench.await("alert " + ALERT + " resolved", WITHIN, () -> bench.notification(ALERT, "resolved"));
            bench.await("status page: " + BLOCKED + " operational", WITHIN, () ->
                    Optional.ofNullable(components(bench).get(BLOCKED)).filter("operational"::equals));
            Map<String, String> accepted = Map.copyOf(traffic.sourceMaps);
            bench.await("every accepted source map stored, once (" + accepted.size() + ")", WITHIN, () -> {
                List<ArtifactRecord> artifacts = store.artifacts(project.id());
                Set<String> names = new HashSet<>();
                for (ArtifactRecord artifact : artifacts) {
                    if (!names.add(artifact.name())) {
                        throw new DrillFailure("source map " + artifact.name() + " stored twice");
                    }
                    String sha256 = accepted.get(artifact.name());
                    if (sha256 == null) {
                        throw new DrillFailure("source map " + artifact.name() + " stored but never accepted");
                    }
                    if (!sha256.equals(artifact.sha256())) {
                        throw new DrillFailure("source map " + artifact.name() + " stored with sha256 "
                                + artifact.sha256() + ", but " + sha256 + " was uploaded");
                    }
                }
                return names.equals(accepted.keySet()) ? Optional.of(names.size()) : Optional.empty();
            });
            long events = traffic.events.get();
            bench.await("every accepted event stored, once (" + events + ")", WITHIN, () -> {
                long stored = bench.storedEvents();
                if (stored > events) {
                    throw new DrillFailure(stored + " events stored but only " + events + " accepted");
                }
                return stored == events ? Optional.of(stored) : Optional.empty();
            });
        }
    }

    /**
     * Opens a connection of the drill's own to the store's database and takes the lock in a transaction left open;
     * every statement of the artifacts lane on that table then waits until the statement timeout cancels it.
     */
    private static Connection lock(DrillBench bench, String url) throws SQLException {
        Properties login = new Properties();
        bench.setting("store.user").filter(s -> !s.isEmpty()).ifPresent(user -> login.setProperty("user", user));
        bench.setting("store.password").filter(s -> !s.isEmpty())
                .ifPresent(password -> login.setProperty("password", password));
        Connection connection = DriverManager.getConnection(url, login);
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // a server that ends idle transactions would release the lock behind the drill's back
                statement.execute("SET idle_in_transaction_session_timeout = 0");
                // the lock waits for an artifacts batch in flight; anything holding the table for longer is not ours
                statement.execute("SET lock_timeout = '10s'");
                statement.execute("LOCK TABLE " + LANE + " IN ACCESS EXCLUSIVE MODE");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            release(connection);
            throw e;
        }
    }

    private static void release(Connection connection) throws SQLException {
        try (connection) {
            connection.rollback();
        }
    }

    /**
     * {@code probe}, after checking what must hold on every poll while the lane is blocked: no other lane retrying, and
     * every component but the blocked lane's operational on the status page.
     */
    private static <T> Callable<Optional<T>> whileBlocked(
            DrillBench bench, Callable<Optional<T>> probe) {
        return () -> {
            for (LaneStatus lane : bench.server().pipeline().status().lanes()) {
                if (!lane.name().equals(LANE) && lane.state() == LaneState.RETRYING) {
                    throw new DrillFailure("lane " + lane.name() + " is retrying too while only " + LANE
                            + " is blocked: " + lane.lastError().orElse("no error reported"));
                }
            }
            for (Map.Entry<String, String> component : components(bench).entrySet()) {
                if (!component.getKey().equals(BLOCKED) && !component.getValue().equals("operational")) {
                    throw new DrillFailure("status page: " + component.getKey() + " is " + component.getValue()
                            + " while only " + LANE + " is blocked");
                }
            }
            return probe.call();
        };
    }

    private static Optional<LaneStatus> lane(DrillBench bench, String name) {
        return bench.server().pipeline().status().lanes().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Every component on the public status page and its status, by name. */
    private static Map<String, String> components(DrillBench bench) throws Exception {
        Map<String, String> components = new TreeMap<>();
        for (JsonNode node : JSON.readTree(bench.get("/api/v1/status")).path("components")) {
            components.put(node.path("name").asText(), node.path("status").asText());
        }
        return components;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * What a team's services and build send while the lane is blocked: Sentry events and Rollbar source map uploads
     * (each for a minified URL of its own, so that each is recognised once stored), from a thread each; counts what
     * was accepted, and keeps each accepted source map's sha256.
     */
    private static final class Traffic {
        final AtomicLong events = new AtomicLong();
        /** Accepted source maps: minified URL → sha256 of the map. */
        final Map<String, String> sourceMaps = new ConcurrentHashMap<>();
        private final DrillBench bench;
        private final HttpClient http;
        private final Project project;
        private Thread eventSender;
        private Thread uploadSender;
        // a flag, not an interrupt: an interrupted send may have reached the server without its answer being counted
        private volatile boolean sending = true;

        Traffic(DrillBench bench, HttpClient http, Project project) {
            this.bench = bench;
            this.http = http;
            this.project = project;
        }

        void start() {
            eventSender = sender("event", EVENT_EVERY_MS, this::sendEvent);
            uploadSender = sender("source map", UPLOAD_EVERY_MS, this::sendSourceMap);
        }

        void stop() throws InterruptedException {
            sending = false;
            for (Thread sender : new Thread[] {eventSender, uploadSender}) {
                if (sender != null) {
                    sender.join();
                }
            }
        }

        private interface Send {
            void send(int i) throws Exception;
        }

        private Thread sender(String what, long everyMs, Send send) {
            return Thread.ofVirtual().name("drill-" + what.replace(' ', '-') + "-sender").start(() -> {
                try {
                    for (int i = 1; sending; i++) {
                        send.send(i);
                        Thread.sleep(everyMs); // a sending pace, not a wait for a condition
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    bench.note("sending " + what + "s failed: " + e);
                }
            });
        }

        void sendEvent(int i) throws Exception {
            int status = bench.sendEvent("blocked lane " + i);
            if (status == 200) {
                events.incrementAndGet();
            } else {
                bench.note("ingest answered " + status + " to an event");
            }
        }

        /** Rollbar's source map upload, as curl -F sends it: version, minified_url and the map as a file. */
        void sendSourceMap(int i) throws Exception {
            String minifiedUrl = "https://drill.example/static/blocked-lane-" + i + ".min.js";
            byte[] map = ("{\"version\":3,\"file\":\"blocked-lane-" + i + ".min.js\",\"sources\":[\"app.js\"],"
                    + "\"names\":[],\"mappings\":\"AAAA\"}").getBytes(UTF_8);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" + RELEASE
                    + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"minified_url\"\r\n\r\n"
                    + minifiedUrl + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"source_map\";"
                    + " filename=\"blocked-lane-" + i + ".min.js.map\"\r\nContent-Type: application/json\r\n\r\n")
                    .getBytes(UTF_8));
            body.writeBytes(map);
            body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(bench.baseUrl() + "/api/1/sourcemap"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .header("X-Rollbar-Access-Token", project.keys().getFirst().rollbarToken())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                sourceMaps.put(minifiedUrl, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(map)));
            } else {
                bench.note("ingest answered " + answer.statusCode() + " to a source map upload: " + answer.body());
            }
        }
    }
}
