package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request being served when an event happened. Cookies and the CGI environment are not kept: they add
 * secrets and little diagnosis, and the raw payload still holds them.
 *
 * @param headers header names to values, in payload order (repeated headers joined with {@code ", "})
 * @param data    the request body as sent (any JSON), or JSON null
 */
public record Request(
        Optional<String> url,
        Optional<String> method,
        Optional<String> queryString,
        Map<String, String> headers,
        JsonNode data) {
    /** No request. */
    public static final Request NONE =
            new Request(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), NullNode.getInstance());

    public Request {
        requireNonNull(url, "url is null");
        requireNonNull(method, "method is null");
        requireNonNull(queryString, "queryString is null");
        headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        requireNonNull(data, "data is null");
    }

    public boolean isEmpty() {
        return url.isEmpty() && method.isEmpty() && queryString.isEmpty() && headers.isEmpty() && data.isNull();
    }
}
