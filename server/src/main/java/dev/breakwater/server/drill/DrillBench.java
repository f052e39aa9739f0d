package dev.breakwater.server.drill;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.server.Breakwater;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.project.Project;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A throwaway Breakwater for a drill: its own data folder, a free port on 127.0.0.1, quick sampling and evaluation,
 * and a {@link WebhookReceiver} as its one notification channel. A drill drives it and writes what it sees with
 * {@link #note}; each note is stamped with the seconds since the drill began, which is what the drill prints.
 */
public final class DrillBench implements AutoCloseable {
    /** Settings every drill runs with: what a drill measures must not wait on slow defaults. */
    static final Map<String, String> FAST = Map.of(
            "monitor.interval", "1s",
            "monitor.worsen-after", "2",
            "monitor.improve-after", "3",
            "alert.evaluation-interval", "1s",
            "alert.poll-interval", "200ms",
            "ui.refresh-interval", "1s",
            "ingest.rate-limit-per-second", "0");

    private static final String ADMIN_PASSWORD = "drill-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final Map<String, String> settings;
    private final PrintStream out;
    private final Clock clock;
    private final Instant began;
    private final List<String> timeline = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebhookReceiver receiver;
    private final String adminToken;
    private Breakwater server;
    private long channelId;
    private String session;

    private DrillBench(
            Path data, Map<String, String> settings, PrintStream out, Clock clock, WebhookReceiver receiver, String adminToken) {
        this.data = data;
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.began = clock.instant();
        this.receiver = receiver;
        this.adminToken = adminToken;
    }

    /** Starts Breakwater on {@code data} with {@link #FAST} plus {@code overrides}, and registers the receiver. */
    public static DrillBench start(Path data, Map<String, String> overrides, PrintStream out) throws IOException {
        Clock clock = Clock.systemUTC();
        Map<String, String> settings = new HashMap<>(FAST);
        settings.put("data.dir", data.toString());
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        settings.put("node.id", "drill");
        settings.put("ui.admin-password", ADMIN_PASSWORD);
        String adminToken = "drill_" + randomHex();
        settings.put("admin.token", adminToken);
        settings.putAll(overrides);
        String secretText = randomHex();
        WebhookReceiver receiver = WebhookReceiver.start(secretText, clock);
        DrillBench bench = new DrillBench(data, settings, out, clock, receiver, adminToken);
        try {
            bench.server = Breakwater.start(Settings.load(null, Map.of(), settings), clock);
            ChannelRecord channel = bench.server.store().createChannel(
                    new NewChannel("drill receiver", "webhook", receiver.url(), secretText, clock.instant()));
            bench.channelId = channel.id();
        } catch (IOException | StoreException | RuntimeException e) {
            bench.close();
            throw e instanceof IOException io ? io : new IOException("the drill's Breakwater did not start: " + e.getMessage(), e);
        }
        bench.note("Breakwater up on " + bench.baseUrl() + ", notifications to " + receiver.url());
        return bench;
    }

    public Breakwater server() {
        return server;
    }

    public WebhookReceiver receiver() {
        return receiver;
    }

    public Path data() {
        return data;
    }

    /** The id of the receiver's webhook channel. */
    public long channelId() {
        return channelId;
    }

    /** A setting this Breakwater was started with beyond the defaults (the drill's own, then the run's), if set. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Seconds since the drill began. */
    public double elapsed() {
        return Duration.between(began, clock.instant()).toMillis() / 1000.0;
    }

    /** Records and prints a line of the drill's timeline. */
    public synchronized void note(String what) {
        String line = String.format(Locale.ROOT, "%+8.1f s  %s", elapsed(), what);
        timeline.add(line);
        out.println(line);
        out.flush();
    }

    public synchronized List<String> timeline() {
        return List.copyOf(timeline);
    }

    /**
     * Polls {@code probe} every 200 ms until it answers, notes {@code what} with the time it took, and returns the
     * answer; a {@link DrillFailure} naming {@code what} when it does not answer within {@code timeout}.
     */
    public <T> T await(String what, Duration timeout, Callable<Optional<T>> probe) throws Exception {
        Instant deadline = clock.instant().plus(timeout);
        Instant from = clock.instant();
        while (true) {
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                note(what + " (after " + seconds(Duration.between(from, clock.instant())) + ")");
                return answer.get();
            }
            if (clock.instant().isAfter(deadline)) {
                note("NOT SEEN within " + seconds(timeout) + ": " + what);
                throw new DrillFailure(what + " was not seen within " + seconds(timeout));
            }
            Thread.sleep(200);
        }
    }

    /** A notification the receiver got for an alert whose key starts with {@code keyPrefix}, of that kind. */
    public Optional<WebhookReceiver.Received> notification(String keyPrefix, String deliveryKind) {
        return receiver.received().stream()
                .filter(r -> r.alertKey().startsWith(keyPrefix) && r.deliveryKind().equals(deliveryKind))
                .findFirst();
    }

    /** How many notifications of that kind arrived for alerts whose key starts with {@code keyPrefix}. */
    public long notifications(String keyPrefix, String deliveryKind) {
        return receiver.received().stream()
                .filter(r -> r.alertKey().startsWith(keyPrefix) && r.deliveryKind().equals(deliveryKind))
                .count();
    }

    /** Sends one Sentry event to the default project's {@code /store/} endpoint; returns the HTTP status. */
    public int sendEvent(String message) throws IOException, InterruptedException {
        return http.send(eventRequest(message), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A request that sends one Sentry event, with an event id of its own, to the default project's {@code /store/}
     * endpoint: for drills that send with a client of their own and look at the whole answer.
     */
    public HttpRequest eventRequest(String message) {
        Project project = server.projects().bySlug("default").orElseThrow();
        ProjectKey key = project.keys().getFirst();
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String body = "{\"event_id\":\"" + eventId + "\",\"level\":\"error\",\"platform\":\"java\",\"message\":\""
                + message.replace("\"", "'") + "\"}";
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + project.id() + "/store/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                .build();
    }

    /** Events stored for the default project, as the store counts them. */
    public long storedEvents() throws StoreException {
        Project project = server.projects().bySlug("default").orElseThrow();
        return server.store().countEvents(project.id(), Optional.empty(), Optional.empty(), Instant.EPOCH);
    }

    /** GETs a path of the server and returns the body; fails on any status but 200. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * Calls the admin API ({@code /api/v1} + {@code path}) with the admin token, a JSON body when not null; returns the
     * answer whatever its status.
     */
    public HttpResponse<String> api(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The admin API's answer to a GET as JSON; fails on any status but 200. */
    public JsonNode apiJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = api("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v1" + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The status a component has on the public status page ({@code /api/v1/status}), e.g. {@code degraded}. */
    public Optional<String> componentStatus(String component) throws IOException, InterruptedException {
        for (JsonNode node : JSON.readTree(get("/api/v1/status")).path("components")) {
            if (node.path("name").asText().equals(component)) {
                return Optional.of(node.path("status").asText());
            }
        }
        return Optional.empty();
    }

    /** GETs a page as the signed-in admin would (signing in through the form the first time); returns the body. */
    public String getSignedIn(String path) throws IOException, InterruptedException {
        if (session == null) {
            HttpResponse<String> form = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/signin")).GET().build(), HttpResponse.BodyHandlers.ofString());
            String token = cookie(form, "bw_signin");
            String body = "_csrf=" + token + "&username=admin&password=" + ADMIN_PASSWORD;
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/signin"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", "bw_signin=" + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            session = cookie(signedIn, "bw_session");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Cookie", "bw_session=" + session)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " (signed in) answered " + response.statusCode());
        }
        return response.body();
    }

    private static String cookie(HttpResponse<?> response, String name) throws IOException {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IOException("no " + name + " cookie in the answer (" + response.statusCode() + ")"));
    }

    private static String randomHex() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    @Override
    public void close() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            receiver.close();
        }
    }
}
