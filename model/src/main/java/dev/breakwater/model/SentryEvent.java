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

/**
 * Decodes one Sentry event JSON (an envelope's {@code event} item or a {@code /store/} body) into a
 * {@link CanonicalEvent}, accepting every form the protocol allows: {@code exception} and {@code breadcrumbs} as
 * {@code {"values": [...]}} or a bare list, {@code tags} as an object or {@code [key, value]} pairs,
 * {@code message} as a string or an object, timestamps as RFC 3339 or epoch seconds.
 *
 * <p>A stack sent beside the exception rather than in it (a top-level {@code stacktrace}, or the thread the last
 * exception names, else the crashed, else the current thread) is attached to the last exception when that one
 * has no frames, as Sentry shows it. An event without exceptions keeps such a stack in
 * {@link CanonicalEvent#stacktrace()}, which then groups it.
 */
final class SentryEvent {
    /** The source of a record holding one event JSON, as Sentry's {@code /store/} endpoint takes it. */
    static final String STORE_SOURCE = "sentry-store";

    private static final int MAX_TAG_LENGTH = 200;
    private static final int MAX_HEADER_LENGTH = 8192;

    private SentryEvent() {}

    /**
     * @param raw          what the document keeps as the original event: the tree, or its bytes ({@link Json#verbatim})
     * @param givenEventId the id to use when the event has no {@code event_id} (the envelope header's, or a derived
     *                     one), canonical
     * @param headerIdWins the given id is the envelope header's: it wins over the event's own (PROTOCOLS.md A.4), so
     *                     the stored event has the id ingest answered the SDK with
     */
    static CanonicalEvent decode(ObjectNode event, JsonNode raw, String source, String givenEventId,
            boolean headerIdWins, Instant receivedAt) throws DecodeException {
        Where root = Where.ROOT;
        String id = eventId(event, givenEventId); // validates the event's own id even when the header's wins
        CanonicalEvent.Builder builder = CanonicalEvent.builder(headerIdWins ? givenEventId : id, receivedAt, source);
        Instant timestamp = Timestamps.read(event, "timestamp", root);
        if (timestamp != null) {
            builder.timestamp(timestamp);
        }
        String platform = Json.nonBlankText(event, "platform", root);
        builder.platform(platform == null ? "other" : platform.trim().toLowerCase(Locale.ROOT));
        builder.level(level(event, root));
        LogEntry entry = LogEntry.read(event, root);
        builder.message(entry.text()).messageTemplate(entry.template());
        builder.release(Json.nonBlankText(event, "release", root))
                .environment(Json.nonBlankText(event, "environment", root))
                .serverName(Json.nonBlankText(event, "server_name", root))
                .logger(Json.nonBlankText(event, "logger", root));
        String transaction = Json.nonBlankText(event, "transaction", root);
        // "culprit" is the field old SDKs sent for what "transaction" now carries
        builder.transaction(transaction != null ? transaction : Json.nonBlankText(event, "culprit", root));
        builder.tags(Json.pairs(event, "tags", root, MAX_TAG_LENGTH));
        builder.user(user(event, root));
        readStacks(event, root, builder);
        builder.breadcrumbs(breadcrumbs(event, root));
        builder.request(request(event, root));
        builder.contexts(Json.entries(Json.object(event, "contexts", root)));
        builder.extra(Json.entries(Json.object(event, "extra", root)));
        builder.sdk(sdk(Json.object(event, "sdk", root), root.field("sdk")));
        builder.fingerprint(fingerprint(event, root));
        builder.raw(raw);
        return builder.build();
    }

    private static String eventId(ObjectNode event, String fallback) throws DecodeException {
        JsonNode id = event.get("event_id");
        if (id == null || id.isNull()) {
            return fallback;
        }
        if (!id.isTextual()) {
            throw Json.shape("event_id", "a string", id);
        }
        String normalized = EventId.normalize(id.textValue());
        if (normalized == null) {
            throw new DecodeException("event_id is not 32 hex digits: " + Json.quote(id.textValue()));
        }
        return normalized;
    }

    private static String level(ObjectNode event, Where root) throws DecodeException {
        JsonNode level = event.get("level");
        if (level == null || level.isNull()) {
            return Level.ERROR.wireName();
        }
        if (level.isTextual()) {
            return Level.parse(level.textValue()).wireName();
        }
        if (level.isIntegralNumber()) {
            return Level.fromNumber(level.longValue()).wireName();
        }
        throw Json.shape(root.describe("level"), "a string", level);
    }

    private static void readStacks(ObjectNode event, Where root, CanonicalEvent.Builder builder)
            throws DecodeException {
        List<ExceptionValue> exceptions = new ArrayList<>(2);
        String lastThreadId = null;
        JsonNode exceptionNode = event.get("exception");
        ArrayNode values = Json.values(event, "exception", root);
        if (values != null) {
            Where at = exceptionNode.isArray() ? root.field("exception") : root.field("exception").field("values");
            for (int i = 0; i < values.size(); i++) {
                JsonNode item = values.get(i);
                if (item.isNull()) {
                    continue;
                }
                if (!(item instanceof ObjectNode value)) {
                    throw Json.shape(at.index(i).toString(), "an object", item);
                }
                Where w = at.index(i);
                ExceptionValue exception = exception(value, w);
                if (!exception.type().isEmpty() || !exception.value().isEmpty() || !exception.frames().isEmpty()) {
                    exceptions.add(exception);
                    lastThreadId = Json.text(value, "thread_id", w);
                }
            }
        }
        ObjectNode topStack = Json.object(event, "stacktrace", root);
        List<Frame> topFrames = topStack == null ? List.of() : frames(topStack, root.field("stacktrace"));
        ArrayNode threads = Json.values(event, "threads", root);
        if (!exceptions.isEmpty()) {
            ExceptionValue last = exceptions.getLast();
            if (last.frames().isEmpty()) {
                List<Frame> frames = topFrames.isEmpty() ? threadFrames(event, threads, lastThreadId) : topFrames;
                if (!frames.isEmpty()) {
                    exceptions.set(exceptions.size() - 1, last.withFrames(frames));
                }
            }
            builder.exceptions(exceptions);
        } else {
            builder.stacktrace(topFrames.isEmpty() ? threadFrames(event, threads, null) : topFrames);
        }
    }

    private static ExceptionValue exception(ObjectNode value, Where w) throws DecodeException {
        String type = Json.text(value, "type", w);
        String text = Json.text(value, "value", w);
        String module = Json.text(value, "module", w);
        ObjectNode stacktrace = Json.object(value, "stacktrace", w);
        List<Frame> frames = stacktrace == null ? List.of() : frames(stacktrace, w.field("stacktrace"));
        ObjectNode mechanism = Json.object(value, "mechanism", w);
        String mechanismType = null;
        Boolean handled = null;
        if (mechanism != null) {
            mechanismType = Json.text(mechanism, "type", w.field("mechanism"));
            handled = Json.bool(mechanism, "handled", w.field("mechanism"));
        }
        return new ExceptionValue(type == null ? "" : type, text == null ? "" : text, module, frames,
                mechanismType, handled);
    }

    /** The stack of the thread {@code wantedId}, else of the crashed thread, else the current one, else the only one. */
    private static List<Frame> threadFrames(ObjectNode event, ArrayNode threads, String wantedId)
            throws DecodeException {
        if (threads == null || threads.isEmpty()) {
            return List.of();
        }
        Where at = event.get("threads").isArray() ? Where.ROOT.field("threads")
                : Where.ROOT.field("threads").field("values");
        List<Frame> byId = null;
        List<Frame> crashed = null;
        List<Frame> current = null;
        List<Frame> only = null;
        int withFrames = 0;
        for (int i = 0; i < threads.size(); i++) {
            JsonNode item = threads.get(i);
            if (item.isNull()) {
                continue;
            }
            if (!(item instanceof ObjectNode thread)) {
                throw Json.shape(at.index(i).toString(), "an object", item);
            }
            Where w = at.index(i);
            ObjectNode stacktrace = Json.object(thread, "stacktrace", w);
            List<Frame> frames = stacktrace == null ? List.of() : frames(stacktrace, w.field("stacktrace"));
            String id = Json.text(thread, "id", w);
            boolean isCrashed = Boolean.TRUE.equals(Json.bool(thread, "crashed", w));
            boolean isCurrent = Boolean.TRUE.equals(Json.bool(thread, "current", w));
            if (frames.isEmpty()) {
                continue;
            }
            withFrames++;
            only = frames;
            if (wantedId != null && wantedId.equals(id) && byId == null) {
                byId = frames;
            }
            if (isCrashed && crashed == null) {
                crashed = frames;
            }
            if (isCurrent && current == null) {
                current = frames;
            }
        }
        if (byId != null) {
            return byId;
        }
        if (crashed != null) {
            return crashed;
        }
        if (current != null) {
            return current;
        }
        return withFrames == 1 ? only : List.of();
    }

    static List<Frame> frames(ObjectNode stacktrace, Where w) throws DecodeException {
        ArrayNode frames = Json.array(stacktrace, "frames", w);
        if (frames == null || frames.isEmpty()) {
            return List.of();
        }
        return Json.eachObject(frames, w.field("frames"), SentryEvent::frame);
    }

    private static Frame frame(ObjectNode f, Where w) throws DecodeException {
        return new Frame(
                Json.text(f, "function", w),
                Json.text(f, "module", w),
                Json.text(f, "filename", w),
                Json.text(f, "abs_path", w),
                Json.integer(f, "lineno", w),
                Json.integer(f, "colno", w),
                Json.bool(f, "in_app", w),
                Json.text(f, "context_line", w),
                lines(f, "pre_context", w),
                lines(f, "post_context", w),
                Json.text(f, "platform", w));
    }

    private static List<String> lines(ObjectNode f, String field, Where w) throws DecodeException {
        ArrayNode lines = Json.array(f, field, w);
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String text = line.isNull() ? "" : Json.scalarText(line);
            if (text == null) {
                throw Json.shape(w.field(field).index(i).toString(), "a string", line);
            }
            out.add(text);
        }
        return out;
    }

    private static User user(ObjectNode event, Where root) throws DecodeException {
        ObjectNode user = Json.object(event, "user", root);
        if (user == null) {
            return User.NONE;
        }
        Where w = root.field("user");
        String ip = Json.nonBlankText(user, "ip_address", w);
        if ("{{auto}}".equals(ip)) {
            ip = null; // "the sender's address", which only ingest knew
        }
        Map<String, JsonNode> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : user.properties()) {
            switch (field.getKey()) {
                case "id", "email", "username", "ip_address" -> { }
                case "data" -> {
                    if (field.getValue() instanceof ObjectNode nested) {
                        data.putAll(Json.entries(nested));
                    } else if (!field.getValue().isNull()) {
                        throw Json.shape(w.describe("data"), "an object", field.getValue());
                    }
                }
                default -> {
                    if (!field.getValue().isNull()) {
                        data.put(field.getKey(), field.getValue());
                    }
                }
            }
        }
        return new User(
                Optional.ofNullable(Json.nonBlankText(user, "id", w)),
                Optional.ofNullable(Json.nonBlankText(user, "email", w)),
                Optional.ofNullable(Json.nonBlankText(user, "username", w)),
                Optional.ofNullable(ip),
                data);
    }

    private static List<Breadcrumb> breadcrumbs(ObjectNode event, Where root) throws DecodeException {
        ArrayNode values = Json.values(event, "breadcrumbs", root);
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        Where at = event.get("breadcrumbs").isArray() ? root.field("breadcrumbs")
                : root.field("breadcrumbs").field("values");
        return Json.eachObject(values, at, (crumb, w) -> {
            String type = Json.nonBlankText(crumb, "type", w);
            String level = Json.nonBlankText(crumb, "level", w);
            JsonNode data = Json.object(crumb, "data", w);
            return new Breadcrumb(
                    Timestamps.read(crumb, "timestamp", w),
                    type == null ? "default" : type,
                    Json.text(crumb, "category", w),
                    Json.text(crumb, "message", w),
                    level == null ? Level.INFO.wireName() : Level.parse(level).wireName(),
                    data == null ? NullNode.getInstance() : data);
        });
    }

    private static Request request(ObjectNode event, Where root) throws DecodeException {
        ObjectNode request = Json.object(event, "request", root);
        if (request == null) {
            return Request.NONE;
        }
        Where w = root.field("request");
        JsonNode data = Json.value(request, "data");
        return new Request(
                Optional.ofNullable(Json.nonBlankText(request, "url", w)),
                Optional.ofNullable(Json.nonBlankText(request, "method", w)),
                Optional.ofNullable(queryString(request, "query_string", w)),
                Json.pairs(request, "headers", w, MAX_HEADER_LENGTH),
                data == null ? NullNode.getInstance() : data);
    }

    /**
     * A query string as sent: a string, or an object or pairs list written back as {@code a=1&b=2}. Null when
     * absent or empty.
     */
    static String queryString(ObjectNode owner, String field, Where w) throws DecodeException {
        JsonNode query = Json.value(owner, field);
        if (query == null) {
            return null;
        }
        if (!query.isObject() && !query.isArray()) {
            return Json.nonBlankText(owner, field, w);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : Json.pairs(owner, field, w, Integer.MAX_VALUE).entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair.getKey()).append('=').append(pair.getValue());
        }
        return out.isEmpty() ? null : out.toString();
    }

    static Sdk sdk(ObjectNode sdk, Where w) throws DecodeException {
        if (sdk == null) {
            return null;
        }
        String name = Json.text(sdk, "name", w);
        String version = Json.text(sdk, "version", w);
        if (name == null && version == null) {
            return null;
        }
        return new Sdk(name == null ? "" : name, version == null ? "" : version);
    }

    private static List<String> fingerprint(ObjectNode event, Where root) throws DecodeException {
        JsonNode fingerprint = Json.value(event, "fingerprint");
        if (fingerprint == null) {
            return List.of();
        }
        if (fingerprint.isTextual()) {
            return fingerprint.textValue().isEmpty() ? List.of() : List.of(fingerprint.textValue());
        }
        if (!(fingerprint instanceof ArrayNode list)) {
            throw Json.shape(root.describe("fingerprint"), "a list of strings", fingerprint);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode part = list.get(i);
            if (part.isNull()) {
                continue;
            }
            String text = Json.scalarText(part);
            if (text == null) {
                throw Json.shape(root.field("fingerprint").index(i).toString(), "a string", part);
            }
            out.add(text);
        }
        return out;
    }
}
