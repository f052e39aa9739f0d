package dev.breakwater.server.drill;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.server.project.Project;
import dev.breakwater.store.DeployRecord;
import dev.breakwater.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
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
 * artifacts lane's writes failed. The artifacts lane has no consumer yet in this version, so the deploys lane stands in
 * for it: a connection of the drill's own holds {@code LOCK TABLE deploys IN ACCESS EXCLUSIVE MODE} in an open
 * transaction, so each deploys batch waits out the store's statement timeout and fails transiently. Rollbar deploys and
 * Sentry events are sent all the while. Expected, each within 30 s: the deploys lane retrying, the status page showing
 * Processing: deploys in a partial outage, the {@code lane:deploys:retrying} alert notified and naming the lane, and
 * events still being stored: once sending stops, every accepted event is stored while the lock is still held; all the
 * while, on every poll, every other component operational and no other lane retrying. The lock released,
 * the alert resolved, Processing: deploys operational, and every accepted deploy and event stored, once.
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
    private static final String LANE = "deploys";
    private static final String BLOCKED = "Processing: " + LANE;
    private static final String ALERT = "lane:" + LANE + ":retrying";
    private static final long EVENT_EVERY_MS = 100;
    private static final long DEPLOY_EVERY_MS = 250;
    /** Events the store must take while the lock is held before the drill calls the events lane unaffected. */
    private static final long STORED_WHILE_BLOCKED = 20;

    @Override
    public String name() {
        return "blocked-lane";
    }

    @Override
    public String summary() {
        return "the deploys lane's store writes fail (a table lock; standing in for the artifacts lane, which has no"
                + " consumer yet) -> events keep being stored, alert lane:deploys:retrying, Processing: deploys partial"
                + " outage and nothing else; lock released -> resolved, every deploy and event stored once"
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
        int deploysBefore = store.deploys(project.id()).size();
        int projects = bench.server().projects().projects().size();
        if (eventsBefore > 0 || deploysBefore > 0 || projects > 1) {
            throw new DrillFailure("the database at " + redact(url) + " is not empty (events: " + eventsBefore
                    + ", deploys: " + deploysBefore + ", projects: " + projects + "): the drill locks its tables and"
                    + " counts what it stores, so give it an empty database of its own");
        }
        bench.note("store: PostgreSQL at " + redact(url) + ", statement timeout "
                + bench.setting("store.statement-timeout").orElse("?")
                + "; the deploys lane stands in for the artifacts lane (no consumer for it yet)");

        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            Traffic traffic = new Traffic(bench, http, project);
            traffic.sendDeploy(0);
            traffic.sendEvent(0);
            bench.await("both lanes writing: the first deploy and event stored", WITHIN, () ->
                    Optional.of(store.deploys(project.id()).size() + bench.storedEvents()).filter(n -> n == 2));
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
                bench.note("deploys table locked (ACCESS EXCLUSIVE, transaction held open); sending a Sentry event"
                        + " every " + EVENT_EVERY_MS + " ms and a Rollbar deploy every " + DEPLOY_EVERY_MS + " ms");
                LaneStatus retrying = bench.await("deploys lane retrying", WITHIN, whileBlocked(bench, () ->
                        lane(bench, LANE).filter(lane -> lane.state() == LaneState.RETRYING)));
                bench.note("deploys lane: " + retrying.backlogRecords() + " records waiting; last error: "
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
                long stored = bench.await("events still stored while the deploys lane is blocked", WITHIN,
                        whileBlocked(bench, () -> Optional.of(bench.storedEvents() - storedAtLock)
                                .filter(n -> n >= STORED_WHILE_BLOCKED)));
                bench.note(stored + " events stored since the lock was taken; sending stops, the lock still held");
                traffic.stop();
                long sent = traffic.events.get();
                bench.await("every event accepted so far stored (" + sent + "), the deploys lane still blocked", WITHIN,
                        whileBlocked(bench, () -> Optional.of(bench.storedEvents()).filter(n -> n == sent)));
                LaneStatus stillBlocked = lane(bench, LANE).orElseThrow();
                if (stillBlocked.state() != LaneState.RETRYING || stillBlocked.backlogRecords() == 0) {
                    throw new DrillFailure("the deploys lane got through while its table was locked: " + stillBlocked);
                }
                if (bench.notifications("lane:", "fired") != bench.notifications(ALERT, "fired")) {
                    throw new DrillFailure("an alert fired for another lane: " + bench.receiver().received());
                }
                bench.note("deploys lane still retrying with " + stillBlocked.backlogRecords() + " records waiting; no"
                        + " other lane retried, alerted or left operational on the status page on any poll");
            } finally {
                try {
                    traffic.stop();
                } finally {
                    release(lock);
                }
            }
            bench.note("lock released (rolled back); " + traffic.deploys.size() + " deploys and " + traffic.events.get()
                    + " events were accepted in all");

            bench.await("alert " + ALERT + " resolved", WITHIN, () -> bench.notification(ALERT, "resolved"));
            bench.await("status page: " + BLOCKED + " operational", WITHIN, () ->
                    Optional.ofNullable(components(bench).get(BLOCKED)).filter("operational"::equals));
            Set<String> accepted = Set.copyOf(traffic.deploys);
            bench.await("every accepted deploy stored, once (" + accepted.size() + ")", WITHIN, () -> {
                List<DeployRecord> deploys = store.deploys(project.id());
                Set<String> revisions = new HashSet<>();
                for (DeployRecord deploy : deploys) {
                    if (!revisions.add(deploy.revision())) {
                        throw new DrillFailure("deploy " + deploy.revision() + " stored twice");
                    }
                    if (!accepted.contains(deploy.revision())) {
                        throw new DrillFailure("deploy " + deploy.revision() + " stored but never accepted");
                    }
                }
                return revisions.equals(accepted) ? Optional.of(revisions.size()) : Optional.empty();
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
     * every statement of the deploys lane on that table then waits until the statement timeout cancels it.
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
                // the lock waits for a deploys batch in flight; anything holding the table for longer is not ours
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
     * What a team's services send while the lane is blocked: Sentry events and Rollbar deploys (each deploy with a
     * revision of its own, so that each is recognised once stored), from a thread each; counts what was accepted.
     */
    private static final class Traffic {
        final AtomicLong events = new AtomicLong();
        final Set<String> deploys = ConcurrentHashMap.newKeySet();
        private final DrillBench bench;
        private final HttpClient http;
        private final Project project;
        private Thread eventSender;
        private Thread deploySender;
        // a flag, not an interrupt: an interrupted send may have reached the server without its answer being counted
        private volatile boolean sending = true;

        Traffic(DrillBench bench, HttpClient http, Project project) {
            this.bench = bench;
            this.http = http;
            this.project = project;
        }

        void start() {
            eventSender = sender("event", EVENT_EVERY_MS, this::sendEvent);
            deploySender = sender("deploy", DEPLOY_EVERY_MS, this::sendDeploy);
        }

        void stop() throws InterruptedException {
            sending = false;
            for (Thread sender : new Thread[] {eventSender, deploySender}) {
                if (sender != null) {
                    sender.join();
                }
            }
        }

        private interface Send {
            void send(int i) throws Exception;
        }

        private Thread sender(String what, long everyMs, Send send) {
            return Thread.ofVirtual().name("drill-" + what + "-sender").start(() -> {
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

        void sendDeploy(int i) throws Exception {
            String revision = "blocked-lane-" + i;
            String body = "{\"environment\":\"drill\",\"revision\":\"" + revision + "\",\"local_username\":\"drill\"}";
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(bench.baseUrl() + "/api/1/deploy"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Rollbar-Access-Token", project.keys().getFirst().rollbarToken())
                            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                deploys.add(revision);
            } else {
                bench.note("ingest answered " + answer.statusCode() + " to a deploy: " + answer.body());
            }
        }
    }
}
