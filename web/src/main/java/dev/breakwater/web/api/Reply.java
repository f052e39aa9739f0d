package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What an endpoint answers: status, extra headers and a JSON body. Written by {@link ReadApi}. Immutable. */
record Reply(int status, Map<String, String> headers, JsonNode body) {

    Reply {
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
    }

    static Reply ok(JsonNode body) {
        return new Reply(200, Map.of(), body);
    }

    static Reply created(JsonNode body) {
        return new Reply(201, Map.of(), body);
    }

    /** 204: done, nothing to say; {@link ReadApi} sends no body at all. */
    static Reply noContent() {
        return new Reply(204, Map.of(), Json.object());
    }
}
