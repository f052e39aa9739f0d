package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an event as the JSON document the API serves at {@code GET /api/v1/events/{eventId}} (API.md), less
 * {@code projectSlug} and {@code issueId}, which the API adds:
 *
 * <pre>
 * {"eventId", "receivedAt", "timestamp", "platform", "level", "message", "release", "environment", "serverName",
 *  "logger", "transaction", "tags": {..}, "user": {"id", "email", "username", "ipAddress", "data"},
 *  "exceptions": [{"type", "value", "module", "mechanism", "handled",
 *                  "frames": [{"function", "module", "filename", "absPath", "lineno", "colno", "inApp",
 *                              "contextLine", "preContext", "postContext"}]}],
 *  "stacktrace": [frames], "breadcrumbs": [{"timestamp", "type", "category", "message", "level", "data"}],
 *  "request": {"url", "method", "queryString", "headers", "data"}, "contexts": {..}, "extra": {..},
 *  "sdk": {"name", "version"} | null, "fingerprint": [..], "source", "raw": original JSON}
 * </pre>
 *
 * Times are RFC 3339 UTC strings; absent values are JSON null; frames run oldest call first; {@code raw} is the
 * original payload embedded as JSON, not as a string. Written with Jackson's streaming generator, no tree or
 * intermediate objects. Thread-safe and stateless.
 */
public final class EventDocument {
    private EventDocument() {}

    /** The document as UTF-8 JSON. */
    public static byte[] toJson(CanonicalEvent event) {
        requireNonNull(event, "event is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setCodec(Json.MAPPER);
            write(event, json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * What the store keeps of an event: only where it came from and its original JSON, {@code {"source": "...",
     * "raw": {...}}}; {@link RecordDecoder#fromStored} rebuilds the canonical event from it when the API reads it.
     * Writing the canonical document instead cost about a third of the pipeline's decoding CPU and made rows twice as
     * large, for documents that are read a handful of times.
     */
    public static byte[] stored(CanonicalEvent event) {
        requireNonNull(event, "event is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setCodec(Json.MAPPER);
            json.writeStartObject();
            json.writeStringField("source", event.source());
            json.writeFieldName("raw");
            json.writeTree(event.raw());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(CanonicalEvent event, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("eventId", event.eventId());
        time(json, "receivedAt", event.receivedAt());
        time(json, "timestamp", event.timestamp());
        json.writeStringField("platform", event.platform());
        json.writeStringField("level", event.level());
        json.writeStringField("message", event.message());
        optional(json, "release", event.release());
        optional(json, "environment", event.environment());
        optional(json, "serverName", event.serverName());
        optional(json, "logger", event.logger());
        optional(json, "transaction", event.transaction());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : event.tags().entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
        user(json, event.user());
        json.writeArrayFieldStart("exceptions");
        for (ExceptionValue exception : event.exceptions()) {
            json.writeStartObject();
            json.writeStringField("type", exception.type());
            json.writeStringField("value", exception.value());
            nullable(json, "module", exception.module());
            nullable(json, "mechanism", exception.mechanism());
            if (exception.handled() == null) {
                json.writeNullField("handled");
            } else {
                json.writeBooleanField("handled", exception.handled());
            }
            frames(json, "frames", exception.frames());
            json.writeEndObject();
        }
        json.writeEndArray();
        frames(json, "stacktrace", event.stacktrace());
        json.writeArrayFieldStart("breadcrumbs");
        for (Breadcrumb crumb : event.breadcrumbs()) {
            json.writeStartObject();
            if (crumb.timestamp() == null) {
                json.writeNullField("timestamp");
            } else {
                time(json, "timestamp", crumb.timestamp());
            }
            json.writeStringField("type", crumb.type());
            nullable(json, "category", crumb.category());
            nullable(json, "message", crumb.message());
            json.writeStringField("level", crumb.level());
            json.writeFieldName("data");
            json.writeTree(crumb.data());
            json.writeEndObject();
        }
        json.writeEndArray();
        request(json, event.request());
        nodes(json, "contexts", event.contexts());
        nodes(json, "extra", event.extra());
        if (event.sdk().isPresent()) {
            json.writeObjectFieldStart("sdk");
            json.writeStringField("name", event.sdk().get().name());
            json.writeStringField("version", event.sdk().get().version());
            json.writeEndObject();
        } else {
            json.writeNullField("sdk");
        }
        json.writeArrayFieldStart("fingerprint");
        for (String part : event.fingerprint()) {
            json.writeString(part);
        }
        json.writeEndArray();
        json.writeStringField("source", event.source());
        json.writeFieldName("raw");
        json.writeTree(event.raw());
        json.writeEndObject();
    }

    private static void user(JsonGenerator json, User user) throws IOException {
        json.writeObjectFieldStart("user");
        optional(json, "id", user.id());
        optional(json, "email", user.email());
        optional(json, "username", user.username());
        optional(json, "ipAddress", user.ipAddress());
        nodes(json, "data", user.data());
        json.writeEndObject();
    }

    private static void request(JsonGenerator json, Request request) throws IOException {
        json.writeObjectFieldStart("request");
        optional(json, "url", request.url());
        optional(json, "method", request.method());
        optional(json, "queryString", request.queryString());
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
        json.writeFieldName("data");
        json.writeTree(request.data());
        json.writeEndObject();
    }

    private static void frames(JsonGenerator json, String field, List<Frame> frames) throws IOException {
        json.writeArrayFieldStart(field);
        for (Frame frame : frames) {
            json.writeStartObject();
            nullable(json, "function", frame.function());
            nullable(json, "module", frame.module());
            nullable(json, "filename", frame.filename());
            nullable(json, "absPath", frame.absPath());
            if (frame.lineno() == null) {
                json.writeNullField("lineno");
            } else {
                json.writeNumberField("lineno", frame.lineno());
            }
            if (frame.colno() == null) {
                json.writeNullField("colno");
            } else {
                json.writeNumberField("colno", frame.colno());
            }
            if (frame.inApp() == null) {
                json.writeNullField("inApp");
            } else {
                json.writeBooleanField("inApp", frame.inApp());
            }
            nullable(json, "contextLine", frame.contextLine());
            if (!frame.preContext().isEmpty()) {
                lines(json, "preContext", frame.preContext());
            }
            if (!frame.postContext().isEmpty()) {
                lines(json, "postContext", frame.postContext());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void lines(JsonGenerator json, String field, List<String> lines) throws IOException {
        json.writeArrayFieldStart(field);
        for (String line : lines) {
            json.writeString(line);
        }
        json.writeEndArray();
    }

    private static void nodes(JsonGenerator json, String field, Map<String, JsonNode> nodes) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, JsonNode> entry : nodes.entrySet()) {
            json.writeFieldName(entry.getKey());
            json.writeTree(entry.getValue());
        }
        json.writeEndObject();
    }

    private static void time(JsonGenerator json, String field, Instant instant) throws IOException {
        json.writeStringField(field, instant.toString());
    }

    private static void optional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        nullable(json, field, value.orElse(null));
    }

    private static void nullable(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }
}
