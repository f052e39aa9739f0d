package dev.breakwater.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a Rollbar item ({@code {"access_token"?, "data": {...}}}, the body of {@code POST /api/1/item/}) into a
 * {@link CanonicalEvent}.
 *
 * <p>{@code data.body} must hold exactly one of:
 * <ul>
 *   <li>{@code trace}: one exception; Rollbar frames are already oldest call first.
 *   <li>{@code trace_chain}: Rollbar lists the outermost exception first and its causes after it; they are
 *       reversed, so that as in Sentry the last exception is the outermost.
 *   <li>{@code message}: a message event with {@code body.message.body}; its other keys go to {@code extra}.
 *   <li>{@code crash_report}: an iOS crash report, kept as a message event whose message is the raw report. It
 *       has no parsed stack, so a made-up exception would only pretend to structure; as a message it is titled by
 *       its first line and grouped by its parameterised first lines.
 * </ul>
 * Frames map {@code method} to function, {@code class_name} to module, {@code code} to the context line. Rollbar
 * has no in-app flag, so every frame groups, as in Rollbar's own algorithm. {@code custom} goes to {@code extra}
 * rather than tags: Rollbar has no tags, and custom data is often too varied to index. {@code data.server} and
 * {@code data.client} are kept as contexts. The kept raw JSON is the item without {@code access_token}.
 */
final class RollbarItem {
    static final String SOURCE = "rollbar";

    private RollbarItem() {}

    static CanonicalEvent decode(byte[] body, DecodeContext ctx) throws DecodeException {
        ObjectNode item = Json.parseObject(body, 0, body.length, "item");
        ObjectNode data = Json.object(item, "data", Where.ROOT);
        if (data == null) {
            throw new DecodeException("item has no data object");
        }
        // a credential has no business in stored events
        item.remove("access_token");
        Where w = Where.ROOT.field("data");
        String uuid = Json.nonBlankText(data, "uuid", w);
        String eventId = uuid == null ? DerivedIds.eventId(ctx.node(), ctx.seq()) : EventId.fromRollbarUuid(uuid);
        CanonicalEvent.Builder builder = CanonicalEvent.builder(eventId, ctx.receivedAt(), SOURCE).raw(item);

        ObjectNode payload = Json.object(data, "body", w);
        if (payload == null) {
            throw new DecodeException("data.body is missing");
        }
        Where bodyWhere = w.field("body");
        boolean isMessage = readBody(payload, bodyWhere, builder);

        JsonNode level = Json.value(data, "level");
        if (level == null) {
            builder.level(isMessage && !payload.has("crash_report") ? "info" : "error");
        } else if (level.isTextual()) {
            builder.level(Level.parse(level.textValue()).wireName());
        } else {
            throw Json.shape(w.describe("level"), "a string", level);
        }
        Instant timestamp = Timestamps.read(data, "timestamp", w);
        if (timestamp != null) {
            builder.timestamp(timestamp);
        }
        builder.platform(platform(data, w));
        builder.environment(Json.nonBlankText(data, "environment", w));
        builder.release(release(data, w));
        ObjectNode server = Json.object(data, "server", w);
        if (server != null) {
            builder.serverName(Json.nonBlankText(server, "host", w.field("server")));
        }
        builder.transaction(Json.nonBlankText(data, "context", w));
        String framework = Json.nonBlankText(data, "framework", w);
        if (framework != null) {
            builder.tags(Map.of("framework", Json.clip(framework, 200)));
        }
        String title = Json.nonBlankText(data, "title", w);
        builder.title(title == null ? null : Json.clip(title.strip(), Title.MAX_LENGTH));
        String fingerprint = Json.nonBlankText(data, "fingerprint", w);
        if (fingerprint != null) {
            builder.fingerprint(List.of(fingerprint));
        }
        ObjectNode request = Json.object(data, "request", w);
        builder.request(request(request, w.field("request")));
        builder.user(person(data, request, w));
        ObjectNode notifier = Json.object(data, "notifier", w);
        builder.sdk(SentryEvent.sdk(notifier, w.field("notifier")));
        Map<String, JsonNode> contexts = new LinkedHashMap<>();
        if (server != null) {
            contexts.put("server", server);
        }
        ObjectNode client = Json.object(data, "client", w);
        if (client != null) {
            contexts.put("client", client);
        }
        builder.contexts(contexts);
        Map<String, JsonNode> extra = new LinkedHashMap<>(Json.entries(Json.object(data, "custom", w)));
        ObjectNode message = payload.get("message") instanceof ObjectNode m ? m : null;
        if (message != null) {
            Map<String, JsonNode> more = Json.entries(message);
            more.remove("body");
            extra.putAll(more);
        }
        builder.extra(extra);
        builder.breadcrumbs(telemetry(payload, bodyWhere));
        return builder.build();
    }

    /** Fills exceptions or message from {@code data.body}; true when it is a message (or crash report). */
    private static boolean readBody(ObjectNode payload, Where w, CanonicalEvent.Builder builder)
            throws DecodeException {
        List<String> kinds = new ArrayList<>(1);
        for (String kind : List.of("trace", "trace_chain", "message", "crash_report")) {
            if (Json.value(payload, kind) != null) {
                kinds.add(kind);
            }
        }
        if (kinds.size() != 1) {
            throw new DecodeException("data.body must have exactly one of trace, trace_chain, message, crash_report;"
                    + (kinds.isEmpty() ? " it has none" : " it has " + String.join(" and ", kinds)));
        }
        switch (kinds.getFirst()) {
            case "trace" -> {
                ObjectNode trace = Json.object(payload, "trace", w);
                ExceptionValue exception = trace(trace, w.field("trace"));
                builder.addException(exception).message(exception.value());
                return false;
            }
            case "trace_chain" -> {
                ArrayNode chain = Json.array(payload, "trace_chain", w);
                if (chain.isEmpty()) {
                    throw new DecodeException(w.describe("trace_chain") + " is empty");
                }
                List<ExceptionValue> exceptions = new ArrayList<>(chain.size());
                Where at = w.field("trace_chain");
                // Rollbar: outermost first; Breakwater, like Sentry: outermost last
                for (int i = chain.size() - 1; i >= 0; i--) {
                    JsonNode trace = chain.get(i);
                    if (!(trace instanceof ObjectNode object)) {
                        throw Json.shape(at.index(i).toString(), "an object", trace);
                    }
                    exceptions.add(trace(object, at.index(i)));
                }
                builder.exceptions(exceptions).message(exceptions.getLast().value());
                return false;
            }
            case "message" -> {
                JsonNode message = payload.get("message");
                String text;
                if (message instanceof ObjectNode object) {
                    text = Json.text(object, "body", w.field("message"));
                    if (text == null) {
                        throw new DecodeException(w.describe("message") + ".body is missing");
                    }
                } else {
                    text = Json.text(payload, "message", w);
                }
                builder.message(cut(text));
                return true;
            }
            default -> {
                JsonNode report = payload.get("crash_report");
                String raw;
                if (report instanceof ObjectNode object) {
                    raw = Json.text(object, "raw", w.field("crash_report"));
                    if (raw == null) {
                        throw new DecodeException(w.describe("crash_report") + ".raw is missing");
                    }
                } else {
                    throw Json.shape(w.describe("crash_report"), "an object", report);
                }
                builder.message(cut(raw));
                return true;
            }
        }
    }

    /** A package-qualified class name: lowercase dotted package, then the class (nested classes with $). */
    private static final Pattern QUALIFIED_CLASS = Pattern.compile("((?:[a-z_][\\w]*\\.)*[a-z_][\\w]*)\\.([A-Z][\\w$]*)");

    private static ExceptionValue trace(ObjectNode trace, Where w) throws DecodeException {
        ObjectNode exception = Json.object(trace, "exception", w);
        if (exception == null) {
            throw new DecodeException(w.describe("exception") + " is missing");
        }
        String type = Json.nonBlankText(exception, "class", w.field("exception"));
        if (type == null) {
            throw new DecodeException(w.describe("exception") + ".class is missing");
        }
        String message = Json.text(exception, "message", w.field("exception"));
        ArrayNode frames = Json.array(trace, "frames", w);
        List<Frame> out = frames == null ? List.of() : Json.eachObject(frames, w.field("frames"), RollbarItem::frame);
        // "java.lang.IllegalStateException" as Sentry's SDKs send it: type IllegalStateException, module java.lang
        Matcher qualified = QUALIFIED_CLASS.matcher(type);
        String module = null;
        if (qualified.matches()) {
            module = qualified.group(1);
            type = qualified.group(2);
        }
        return new ExceptionValue(type, message == null ? "" : message, module, out);
    }

    private static Frame frame(ObjectNode f, Where w) throws DecodeException {
        ObjectNode context = Json.object(f, "context", w);
        List<String> pre = List.of();
        List<String> post = List.of();
        if (context != null) {
            pre = lines(context, "pre", w.field("context"));
            post = lines(context, "post", w.field("context"));
        }
        String filename = Json.text(f, "filename", w);
        return new Frame(
                Json.text(f, "method", w),
                Json.text(f, "class_name", w),
                filename,
                filename,
                Json.integer(f, "lineno", w),
                Json.integer(f, "colno", w),
                null,
                Json.text(f, "code", w),
                pre,
                post,
                null);
    }

    private static List<String> lines(ObjectNode context, String field, Where w) throws DecodeException {
        ArrayNode lines = Json.array(context, field, w);
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).isNull() ? "" : Json.scalarText(lines.get(i));
            if (text == null) {
                throw Json.shape(w.field(field).index(i).toString(), "a string", lines.get(i));
            }
            out.add(text);
        }
        return out;
    }

    /** {@code language} names the code (frame order, context lines); {@code platform} is often the OS or "browser". */
    private static String platform(ObjectNode data, Where w) throws DecodeException {
        String language = Json.nonBlankText(data, "language", w);
        String platform = language != null ? language : Json.nonBlankText(data, "platform", w);
        if (platform == null) {
            return "other";
        }
        String name = platform.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "browser", "js" -> "javascript";
            case "android" -> "java";
            case "ios" -> "cocoa";
            case "flash" -> "as3";
            default -> name;
        };
    }

    private static String release(ObjectNode data, Where w) throws DecodeException {
        String version = Json.nonBlankText(data, "code_version", w);
        if (version != null) {
            return version;
        }
        ObjectNode server = Json.object(data, "server", w);
        if (server != null) {
            version = Json.nonBlankText(server, "code_version", w.field("server"));
            if (version != null) {
                return version;
            }
        }
        ObjectNode client = Json.object(data, "client", w);
        if (client != null) {
            ObjectNode javascript = Json.object(client, "javascript", w.field("client"));
            if (javascript != null) {
                return Json.nonBlankText(javascript, "code_version", w.field("client").field("javascript"));
            }
        }
        return null;
    }

    private static User person(ObjectNode data, ObjectNode request, Where w) throws DecodeException {
        ObjectNode person = Json.object(data, "person", w);
        String ip = request == null ? null : Json.nonBlankText(request, "user_ip", w.field("request"));
        if ("$remote_ip".equals(ip)) {
            ip = null; // "the sender's address", which only ingest knew
        }
        if (person == null && ip == null) {
            return User.NONE;
        }
        Where at = w.field("person");
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (person != null) {
            extra.putAll(Json.entries(person));
            extra.remove("id");
            extra.remove("email");
            extra.remove("username");
        }
        return new User(
                Optional.ofNullable(person == null ? null : Json.nonBlankText(person, "id", at)),
                Optional.ofNullable(person == null ? null : Json.nonBlankText(person, "email", at)),
                Optional.ofNullable(person == null ? null : Json.nonBlankText(person, "username", at)),
                Optional.ofNullable(ip),
                extra);
    }

    private static Request request(ObjectNode request, Where w) throws DecodeException {
        if (request == null) {
            return Request.NONE;
        }
        String query = SentryEvent.queryString(request, "query_string", w);
        if (query == null) {
            query = SentryEvent.queryString(request, "GET", w);
        }
        JsonNode data = Json.value(request, "body");
        if (data == null) {
            data = Json.value(request, "POST");
        }
        return new Request(
                Optional.ofNullable(Json.nonBlankText(request, "url", w)),
                Optional.ofNullable(Json.nonBlankText(request, "method", w)),
                Optional.ofNullable(query),
                Json.pairs(request, "headers", w, 8192),
                data == null ? NullNode.getInstance() : data);
    }

    /** {@code body.telemetry} entries as breadcrumbs: type, level, source as category, body.message as message. */
    private static List<Breadcrumb> telemetry(ObjectNode payload, Where w) throws DecodeException {
        ArrayNode telemetry = Json.array(payload, "telemetry", w);
        if (telemetry == null || telemetry.isEmpty()) {
            return List.of();
        }
        return Json.eachObject(telemetry, w.field("telemetry"), (entry, e) -> {
            Instant timestamp = null;
            JsonNode millis = Json.value(entry, "timestamp_ms");
            if (millis != null) {
                if (!millis.isNumber() || Timestamps.fromEpochSeconds(millis.doubleValue() / 1000d) == null) {
                    throw Json.shape(e.describe("timestamp_ms"), "epoch milliseconds", millis);
                }
                timestamp = Timestamps.fromEpochSeconds(millis.doubleValue() / 1000d);
            }
            ObjectNode body = Json.object(entry, "body", e);
            String type = Json.nonBlankText(entry, "type", e);
            String level = Json.nonBlankText(entry, "level", e);
            return new Breadcrumb(
                    timestamp,
                    type == null ? "default" : type,
                    Json.text(entry, "source", e),
                    body == null ? null : Json.text(body, "message", e.field("body")),
                    level == null ? "info" : Level.parse(level).wireName(),
                    body == null ? NullNode.getInstance() : body);
        });
    }

    private static String cut(String text) {
        return text.length() <= LogEntry.MAX_LENGTH ? text : Json.clip(text, LogEntry.MAX_LENGTH);
    }
}
