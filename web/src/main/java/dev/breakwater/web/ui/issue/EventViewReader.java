package dev.breakwater.web.ui.issue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.EventSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the canonical event document ({@code dev.breakwater.model.EventDocument}, the shape {@code GET
 * /api/v1/events/{id}} serves) into an {@link EventView}. Lenient: a field an older or partial document lacks is shown
 * as absent, and what the store indexed (receive time, level, message, release, environment) fills in for a missing
 * one, as the read API does. Reorders for display: the outermost exception and the most recent call come first (the
 * document runs oldest to newest). Stateless.
 */
final class EventViewReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventViewReader() {}

    static EventView read(ObjectNode document, EventSummary summary) {
        Instant received = instant(document.path("receivedAt")).orElse(summary.receivedAt());
        Instant timestamp = instant(document.path("timestamp")).orElse(summary.timestamp());
        return new EventView(
                summary.eventId(),
                text(document.path("level"), summary.level()),
                text(document.path("message"), summary.message()),
                text(document.path("platform"), ""),
                text(document.path("release"), summary.release().orElse("")),
                text(document.path("environment"), summary.environment().orElse("")),
                text(document.path("serverName"), ""),
                text(document.path("logger"), ""),
                text(document.path("transaction"), ""),
                TimeView.absolute(received),
                TimeView.absolute(timestamp),
                exceptions(document.path("exceptions")),
                FrameGroup.of(frames(document.path("stacktrace"))),
                breadcrumbs(document.path("breadcrumbs")),
                fields(document.path("tags")),
                user(document.path("user")),
                request(document.path("request")),
                contexts(document.path("contexts")),
                fields(document.path("extra")),
                sdk(document.path("sdk")),
                pretty(document));
    }

    private static List<ExceptionView> exceptions(JsonNode exceptions) {
        List<ExceptionView> chain = new ArrayList<>();
        for (JsonNode exception : exceptions) {
            JsonNode handled = exception.path("handled");
            chain.add(new ExceptionView(
                    text(exception.path("type"), ""),
                    text(exception.path("value"), ""),
                    text(exception.path("module"), ""),
                    text(exception.path("mechanism"), ""),
                    handled.isBoolean() ? (handled.booleanValue() ? "handled" : "unhandled") : "",
                    FrameGroup.of(frames(exception.path("frames")))));
        }
        // the document lists the chain oldest first; the one thrown, which names the issue, goes on top
        return chain.reversed();
    }

    /** The frames most recent call first (the document lists them oldest call first). */
    static List<FrameView> frames(JsonNode frames) {
        List<FrameView> views = new ArrayList<>();
        for (JsonNode frame : frames) {
            views.add(frame(frame));
        }
        return views.reversed();
    }

    private static FrameView frame(JsonNode frame) {
        String filename = text(frame.path("filename"), "");
        String module = text(frame.path("module"), "");
        String absPath = text(frame.path("absPath"), "");
        String location = !filename.isEmpty() ? filename : !module.isEmpty() ? module : absPath;
        JsonNode lineno = frame.path("lineno");
        JsonNode colno = frame.path("colno");
        return new FrameView(
                text(frame.path("function"), ""),
                location,
                location.equals(module) ? "" : module,
                lineno.isIntegralNumber() ? lineno.asText() : "",
                colno.isIntegralNumber() ? colno.asText() : "",
                frame.path("inApp").asBoolean(false),
                context(frame, lineno.isIntegralNumber() ? Optional.of(lineno.longValue()) : Optional.empty()));
    }

    private static List<FrameView.ContextLine> context(JsonNode frame, Optional<Long> lineno) {
        JsonNode contextLine = frame.path("contextLine");
        if (!contextLine.isTextual()) {
            return List.of();
        }
        List<String> pre = lines(frame.path("preContext"));
        List<String> post = lines(frame.path("postContext"));
        List<FrameView.ContextLine> lines = new ArrayList<>();
        for (int i = 0; i < pre.size(); i++) {
            lines.add(new FrameView.ContextLine(number(lineno, i - pre.size()), pre.get(i), false));
        }
        lines.add(new FrameView.ContextLine(number(lineno, 0), contextLine.textValue(), true));
        for (int i = 0; i < post.size(); i++) {
            lines.add(new FrameView.ContextLine(number(lineno, i + 1), post.get(i), false));
        }
        return lines;
    }

    private static String number(Optional<Long> lineno, int offset) {
        return lineno.map(line -> line + offset).filter(line -> line > 0).map(String::valueOf).orElse("");
    }

    private static List<String> lines(JsonNode lines) {
        List<String> texts = new ArrayList<>();
        for (JsonNode line : lines) {
            texts.add(line.isTextual() ? line.textValue() : "");
        }
        return texts;
    }

    private static List<EventView.Breadcrumb> breadcrumbs(JsonNode crumbs) {
        List<EventView.Breadcrumb> views = new ArrayList<>();
        for (JsonNode crumb : crumbs) {
            JsonNode data = crumb.path("data");
            views.add(new EventView.Breadcrumb(
                    instant(crumb.path("timestamp")).map(TimeView::clock),
                    text(crumb.path("type"), ""),
                    text(crumb.path("category"), ""),
                    text(crumb.path("level"), ""),
                    text(crumb.path("message"), ""),
                    data.isObject() && !data.isEmpty() || data.isArray() && !data.isEmpty() ? data.toString() : ""));
        }
        return views;
    }

    private static List<EventView.Field> user(JsonNode user) {
        List<EventView.Field> fields = new ArrayList<>();
        for (String[] field : new String[][] {{"id", "ID"}, {"email", "Email"}, {"username", "Username"},
                {"ipAddress", "IP address"}}) {
            String value = text(user.path(field[0]), "");
            if (!value.isEmpty()) {
                fields.add(new EventView.Field(field[1], value));
            }
        }
        fields.addAll(fields(user.path("data")));
        return fields;
    }

    private static EventView.Request request(JsonNode request) {
        JsonNode data = request.path("data");
        return new EventView.Request(
                text(request.path("method"), ""),
                text(request.path("url"), ""),
                text(request.path("queryString"), ""),
                fields(request.path("headers")),
                data.isMissingNode() || data.isNull() ? "" : data.isTextual() ? data.textValue() : data.toString());
    }

    private static List<EventView.Context> contexts(JsonNode contexts) {
        List<EventView.Context> views = new ArrayList<>();
        for (Map.Entry<String, JsonNode> context : contexts.properties()) {
            List<EventView.Field> fields = context.getValue().isObject()
                    ? fields(context.getValue())
                    : List.of(new EventView.Field("value", value(context.getValue())));
            views.add(new EventView.Context(context.getKey(), fields));
        }
        return views;
    }

    private static String sdk(JsonNode sdk) {
        String name = text(sdk.path("name"), "");
        String version = text(sdk.path("version"), "");
        return (name + " " + version).strip();
    }

    /** The members of a JSON object as fields, in document order; nothing for anything else. */
    private static List<EventView.Field> fields(JsonNode object) {
        List<EventView.Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            fields.add(new EventView.Field(field.getKey(), value(field.getValue())));
        }
        return fields;
    }

    private static String value(JsonNode value) {
        return value.isNull() ? "" : value.isTextual() ? value.textValue() : value.toString();
    }

    private static String text(JsonNode node, String fallback) {
        return node.isTextual() ? node.textValue() : node.isValueNode() && !node.isNull() ? node.asText() : fallback;
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String pretty(ObjectNode document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // a tree we parsed always writes back; this is only for the checked exception's sake
            return document.toString();
        }
    }
}
