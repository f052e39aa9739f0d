package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.store.ArtifactWrite;
import dev.breakwater.store.DeployWrite;
import dev.breakwater.store.EventWrite;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.LaneBatch;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.NodeMark;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.QuarantineWrite;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;

/**
 * Two projects' worth of errors, written the way the pipeline writes them ({@link Store#apply} with compressed
 * canonical event documents, in receive order, a few events per batch), at fixed times before {@link #NOW}:
 *
 * <pre>
 * shop  A  ValueError: bad input       3 events, NOW-5h, NOW-2h, NOW-10m; production; shop@1.0, shop@1.1; 2 users
 *       B  KeyError: 'sku'             5 events, NOW-30h, -26h, -20h, -4h, -3h; staging; shop@1.0
 *       C  Payment gateway timeout     1 event (message, warning), NOW-1h; production; shop@1.1
 *       G1..G6  RuntimeError: job n    1 event each, NOW-6h30m - (n-1)h; production; shop@1.0
 *       deploy of shop@1.1 to production by ana at NOW-3h
 *       source map of shop@1.1 for https://shop.example/app.min.js ({@link #SOURCE_MAP}) uploaded at NOW-3h
 * blog  D  TypeError: x is undefined   1 event, NOW-1h; production; blog@2
 * quarantine of lane events: 2 records
 * </pre>
 */
public final class ShopData {
    public static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");
    public static final byte[] SOURCE_MAP =
            "{\"version\":3,\"file\":\"app.min.js\",\"mappings\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    public final ProjectRecord shop;
    public final ProjectRecord blog;
    final List<EventWrite> events = new ArrayList<>();
    private final Store store;
    private int eventCounter;

    private ShopData(Store store) throws StoreException {
        this.store = store;
        shop = store.createProject(project("shop", "Shop backend", 1));
        blog = store.createProject(project("blog", "Blog", 2));
    }

    public static ShopData seed(Store store) throws StoreException {
        ShopData data = new ShopData(store);
        data.write();
        return data;
    }

    private static NewProject project(String slug, String name, int n) {
        return new NewProject(slug, name, NOW.minus(Duration.ofDays(30)),
                new ProjectKeyRecord("publickey" + n + "0000000000000000000000", "rollbar" + n + "000000000000000000000000",
                        "otlp" + n + "0000000000000000000000000000"));
    }

    private void write() throws StoreException {
        Duration h = Duration.ofHours(1);
        issueA(NOW.minus(h.multipliedBy(5)), "shop@1.0", "u1");
        issueA(NOW.minus(h.multipliedBy(2)), "shop@1.1", "u2");
        issueA(NOW.minus(Duration.ofMinutes(10)), "shop@1.1", "u1");
        for (int hours : new int[] {30, 26, 20, 4, 3}) {
            events.add(event(shop, "b", "KeyError: 'sku'", "app.cart in add_item", "error", "error",
                    NOW.minus(h.multipliedBy(hours)), "staging", "shop@1.0", null));
        }
        events.add(event(shop, "c", "Payment gateway timeout", "payments.gateway in charge", "message", "warning",
                NOW.minus(h), "production", "shop@1.1", null));
        for (int n = 1; n <= 6; n++) {
            events.add(event(shop, "g" + n, "RuntimeError: job " + n, "jobs.worker in run", "error", "error",
                    NOW.minus(Duration.ofMinutes(390)).minus(h.multipliedBy(n - 1)), "production", "shop@1.0", null));
        }
        events.add(event(blog, "d", "TypeError: x is undefined", "app.js in render", "error", "error", NOW.minus(h),
                "production", "blog@2", "reader"));
        events.sort(Comparator.comparing(EventWrite::receivedAt));

        long offset = 0;
        for (int from = 0; from < events.size(); from += 4) {
            List<EventWrite> batch = events.subList(from, Math.min(events.size(), from + 4));
            offset += batch.size();
            EventWrite last = batch.get(batch.size() - 1);
            store.apply(new LaneBatch("events", offset,
                    Map.of("n1", new NodeMark(offset, last.receivedAt().toEpochMilli())), batch, List.of(), List.of()));
        }
        DeployWrite deploy = new DeployWrite(shop.id(), "deploy-1", "production", "shop@1.1", Optional.of("ana"),
                Optional.of("checkout fix"), Optional.of("succeeded"), NOW.minus(Duration.ofHours(3)));
        store.apply(new LaneBatch("deploys", 1, Map.of(), List.of(), List.of(deploy), List.of()));
        ArtifactWrite sourceMap = new ArtifactWrite(shop.id(), "sourcemap", "shop@1.1", "https://shop.example/app.min.js",
                SOURCE_MAP, sha256(SOURCE_MAP), NOW.minus(Duration.ofHours(3)), "n1", 1);
        store.apply(new LaneBatch("artifacts", 1, Map.of(), List.of(), List.of(), List.of(sourceMap), List.of()));
        List<QuarantineWrite> quarantined = List.of(
                quarantine(offset + 1, "invalid JSON in item 1 of the envelope"),
                quarantine(offset + 2, "event has no exception and no message"));
        store.apply(new LaneBatch("events", offset + 2, Map.of(), List.of(), List.of(), quarantined));
    }

    private void issueA(Instant at, String release, String user) {
        events.add(event(shop, "a", "ValueError: bad input", "app.views in checkout", "error", "error", at,
                "production", release, user));
    }

    private QuarantineWrite quarantine(long offset, String reason) {
        return new QuarantineWrite("events", offset, Long.toString(shop.id()), "n1", offset, NOW.toEpochMilli(),
                "sentry-envelope", "application/x-sentry-envelope", "identity", reason,
                "{\"broken\": ".getBytes(StandardCharsets.UTF_8));
    }

    /** The stored issue of one of the fingerprints above ("a", "b", "c", "g1".."g6", "d"). */
    public IssueRecord issue(String name) throws StoreException {
        String fingerprint = fingerprint(name);
        for (ProjectRecord project : List.of(shop, blog)) {
            for (IssueRecord issue : store.issues(new IssueQuery(project.id(), Optional.empty(),
                            IssueSort.LAST_SEEN, Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), 1000))
                    .items()) {
                if (issue.fingerprint().equals(fingerprint)) {
                    return issue;
                }
            }
        }
        throw new IllegalArgumentException("no issue " + name);
    }

    /** The events of one issue, oldest first. */
    List<EventWrite> eventsOf(String name) {
        return events.stream().filter(e -> e.fingerprint().equals(fingerprint(name))).toList();
    }

    static String fingerprint(String name) {
        return HexFormat.of().formatHex(ApiTokens.sha256("issue " + name));
    }

    private EventWrite event(ProjectRecord project, String issue, String title, String culprit, String type,
            String level, Instant receivedAt, String environment, String release, String user) {
        eventCounter++;
        String eventId = String.format("%08x", eventCounter) + "0123456789abcdef01234567";
        Instant timestamp = receivedAt.minusSeconds(2);
        String message = type.equals("message") ? title : title.substring(title.indexOf(':') + 2);
        byte[] document = DocumentCodec.encode(document(project, eventId, title, level, timestamp, receivedAt, message, environment,
                release, user));
        return new EventWrite(project.id(), eventId, fingerprint(issue), 1, title, culprit, type, level, timestamp,
                receivedAt, message, Optional.of(release), Optional.of(environment), Optional.ofNullable(user), document,
                DocumentCodec.ENCODING);
    }

    /** A canonical event as API.md describes it, with the original payload under {@code raw}. */
    private static byte[] document(ProjectRecord project, String eventId, String title, String level, Instant timestamp,
            Instant receivedAt, String message, String environment, String release, String user) {
        ObjectNode raw = JSON.createObjectNode();
        raw.put("event_id", eventId);
        raw.put("timestamp", timestamp.toString());
        raw.put("platform", "python");
        raw.put("level", level);
        raw.putObject("logentry").put("formatted", message);

        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId);
        event.put("receivedAt", receivedAt.toString());
        event.put("timestamp", timestamp.toString());
        event.put("platform", "python");
        event.put("level", level);
        event.put("message", message);
        event.put("release", release);
        event.put("environment", environment);
        event.put("serverName", "web-" + project.slug() + "-1");
        event.putObject("tags").put("region", "eu-west-1");
        if (user == null) {
            event.putObject("user");
        } else {
            event.putObject("user").put("id", user);
        }
        if (title.contains(":")) {
            ObjectNode exception = event.putArray("exceptions").addObject();
            exception.put("type", title.substring(0, title.indexOf(':')));
            exception.put("value", message);
            exception.put("module", "builtins");
            ObjectNode frame = exception.putArray("frames").addObject();
            frame.put("function", "checkout");
            frame.put("module", "app.views");
            frame.put("filename", "app/views.py");
            frame.put("absPath", "/srv/app/views.py");
            frame.put("lineno", 42);
            frame.put("colno", 8);
            frame.put("inApp", true);
            frame.put("contextLine", "    total = parse(request.body)");
        } else {
            event.putArray("exceptions");
        }
        event.putArray("breadcrumbs");
        event.putObject("request").put("method", "POST");
        event.putObject("contexts");
        event.putObject("sdk").put("name", "sentry.python").put("version", "2.19.0");
        event.put("source", "sentry-envelope");
        event.set("raw", raw);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] deflate(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
