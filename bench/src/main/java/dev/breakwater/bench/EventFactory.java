package dev.breakwater.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Builds the JSON of one Sentry error event for a fingerprint, shaped like what sentry-java sends: exception with
 * mechanism and stack trace, tags, user, contexts, sdk, release, environment, then breadcrumbs (and for
 * {@link EventSize#LARGE} an {@code extra} section) added until the event reaches its drawn size.
 *
 * <p>{@code event_id} and {@code timestamp} are deliberately not part of the object built here: {@link EnvelopeCorpus}
 * writes them as the first two fields so they sit at fixed offsets it can re-stamp per request.
 * Not thread-safe: it draws from one random source.
 */
final class EventFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ENVIRONMENTS = {"production", "production", "production", "staging"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"};
    private static final String[] TIERS = {"free", "team", "business", "enterprise"};
    private static final String[] WORDS = {
        "order", "customer", "payment", "retry", "cache", "miss", "hit", "lookup", "session", "token", "expired",
        "refreshing", "inventory", "warehouse", "reserved", "price", "rule", "applied", "discount", "invoice", "queued",
        "published", "consumer", "lag", "batch", "flushed", "rows", "request", "response", "latency", "upstream",
    };
    private static final String[] SQL = {
        "SELECT o.id, o.status, o.total FROM orders o WHERE o.customer_id = ? ORDER BY o.created_at DESC LIMIT 50",
        "UPDATE inventory SET reserved = reserved + ? WHERE sku = ? AND warehouse_id = ?",
        "INSERT INTO payments (id, order_id, amount, currency, provider) VALUES (?, ?, ?, ?, ?)",
        "SELECT p.id, p.name, p.price FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = ?",
        "DELETE FROM sessions WHERE expires_at < now() - interval '1 day'",
    };

    private final SplittableRandom random;

    EventFactory(SplittableRandom random) {
        this.random = random;
    }

    /** The event's fields in sentry-java's order, without {@code event_id} and {@code timestamp}. */
    ObjectNode event(Fingerprint fingerprint, Instant at, EventSize size) {
        ObjectNode event = JSON.createObjectNode();
        event.put("platform", "java");
        event.put("level", "error");
        event.put("logger", fingerprint.logger());
        event.put("server_name", "web-" + random.nextInt(1, 13));
        event.put("release", "acme-" + fingerprint.logger().split("\\.")[2] + "@2." + random.nextInt(10, 16) + ".0");
        event.put("environment", pick(ENVIRONMENTS));
        event.put("transaction", fingerprint.transaction());

        ObjectNode exception = event.putObject("exception").putArray("values").addObject();
        exception.put("type", fingerprint.exceptionType());
        exception.put("value", message(fingerprint.messageTemplate()));
        exception.put("module", fingerprint.exceptionModule());
        exception.put("thread_id", random.nextInt(1, 400));
        exception.putObject("mechanism").put("type", "UncaughtExceptionHandler").put("handled", false);
        ArrayNode frames = exception.putObject("stacktrace").putArray("frames");
        for (StackFrame frame : fingerprint.frames()) {
            frames.addObject()
                    .put("filename", frame.filename())
                    .put("function", frame.function())
                    .put("module", frame.module())
                    .put("lineno", frame.lineno())
                    .put("in_app", frame.inApp());
        }

        ObjectNode tags = event.putObject("tags");
        tags.put("region", pick(REGIONS));
        tags.put("customer_tier", pick(TIERS));
        tags.put("thread", "http-nio-" + random.nextInt(1, 200));
        int userId = random.nextInt(1, 200_000);
        event.putObject("user")
                .put("id", "u-" + userId)
                .put("email", "user" + userId + "@example.com")
                .put("ip_address", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
        ObjectNode contexts = event.putObject("contexts");
        contexts.putObject("runtime").put("name", "OpenJDK Runtime Environment").put("version", "21.0.5");
        contexts.putObject("os").put("name", "Linux").put("version", "6.1.0-28-amd64");
        contexts.putObject("trace").put("trace_id", hex(32)).put("span_id", hex(16)).put("op", "http.server");
        event.putObject("sdk").put("name", "sentry.java").put("version", "8.13.2");

        int target = random.nextInt(size.minBytes, size.maxBytes + 1);
        int limit = size == EventSize.LARGE ? 100 : 30;
        ArrayNode breadcrumbs = event.putObject("breadcrumbs").putArray("values");
        // sizes are tracked incrementally (each element adds its own bytes plus a comma): re-serialising the whole
        // event per step would make a 50 KB event quadratic to build
        int bytes = serialise(event).length;
        long crumbTime = at.toEpochMilli() - 60_000;
        while (breadcrumbs.size() < limit && bytes < target - 200) {
            crumbTime += random.nextInt(10, 2_000);
            ObjectNode crumb = breadcrumb(crumbTime, size);
            breadcrumbs.add(crumb);
            bytes += serialise(crumb).length + 1;
        }
        if (breadcrumbs.isEmpty()) {
            event.remove("breadcrumbs");
        }
        if (size == EventSize.LARGE) {
            ObjectNode extra = event.putObject("extra");
            bytes += "\"extra\":{},".length();
            int part = 0;
            while (bytes < target) {
                String key = "request_body_part_" + part++;
                String value = prose(120 + random.nextInt(80));
                extra.put(key, value);
                bytes += key.length() + value.length() + 6;
            }
        }
        return event;
    }

    private ObjectNode breadcrumb(long epochMillis, EventSize size) {
        ObjectNode crumb = JSON.createObjectNode();
        crumb.put("timestamp", Instant.ofEpochMilli(epochMillis).toString());
        switch (random.nextInt(3)) {
            case 0 -> {
                crumb.put("type", "http").put("category", "http").put("level", "info");
                crumb.putObject("data")
                        .put("method", random.nextBoolean() ? "GET" : "POST")
                        .put("url", "https://api.acme.internal/v2/" + pick(WORDS) + "s/" + random.nextInt(1, 100_000))
                        .put("status_code", random.nextInt(8) == 0 ? 503 : 200);
            }
            case 1 -> crumb.put("type", "query").put("category", "db.sql.query").put("level", "info").put("message", pick(SQL));
            default -> crumb.put("category", "log").put("level", random.nextBoolean() ? "info" : "debug")
                    .put("message", prose(size == EventSize.LARGE ? 20 + random.nextInt(40) : 5 + random.nextInt(8)));
        }
        return crumb;
    }

    private String message(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char kind = template.charAt(++i);
                switch (kind) {
                    case 'd' -> out.append(random.nextInt(1, 1_000_000));
                    case 'x' -> out.append(Integer.toHexString(random.nextInt()));
                    default -> out.append(pick(WORDS)).append('-').append(random.nextInt(1, 1000));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String prose(int words) {
        StringBuilder out = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(random.nextInt(10) == 0 ? Integer.toString(random.nextInt(100_000)) : pick(WORDS));
        }
        return out.toString();
    }

    private String hex(int chars) {
        StringBuilder out = new StringBuilder(chars);
        while (out.length() < chars) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    static byte[] serialise(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }
}
