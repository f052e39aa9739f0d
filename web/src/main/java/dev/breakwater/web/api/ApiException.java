package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A request the read API refuses: the HTTP status, the error code and the human sentence of API.md's error shape,
 * and any headers the status calls for ({@code Allow}, {@code WWW-Authenticate}). Thrown by endpoints, written by
 * {@link ApiErrors}. Immutable.
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;
    private final transient Map<String, String> headers;

    private ApiException(int status, String code, String message, long retryAfterSeconds, Map<String, String> headers) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.code = requireNonNull(code, "code is null");
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = Map.copyOf(headers);
    }

    /** 400 for a query or path parameter; the message names the parameter and what it accepts. */
    static ApiException badParameter(String message) {
        return new ApiException(400, "invalid_parameter", message, 0, Map.of());
    }

    /** 400 for a request body that is not JSON at all. */
    static ApiException invalidJson(String message) {
        return new ApiException(400, "invalid_json", message, 0, Map.of());
    }

    /** 400 for a JSON body whose fields are missing or wrong. */
    static ApiException invalidPayload(String message) {
        return new ApiException(400, "invalid_payload", message, 0, Map.of());
    }

    static ApiException payloadTooLarge(String message) {
        return new ApiException(413, "payload_too_large", message, 0, Map.of());
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, 0, Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, 0, Map.of());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, 0, Map.of());
    }

    /** 409 for a request the record's state does not allow now, e.g. acknowledging a resolved alert. */
    static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, 0, Map.of());
    }

    static ApiException methodNotAllowed(String message, String allow) {
        return new ApiException(405, "method_not_allowed", message, 0, Map.of("Allow", allow));
    }

    static ApiException unavailable(String code, String message, long retryAfterSeconds) {
        return new ApiException(
                503, code, message, retryAfterSeconds, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** 0 when the client should not retry as such. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    Map<String, String> headers() {
        return headers;
    }
}
