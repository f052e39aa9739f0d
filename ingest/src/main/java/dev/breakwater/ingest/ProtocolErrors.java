package dev.breakwater.ingest;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers for requests the HTTP server refuses before any route runs (bad framing, a header block past the
 * server's hard cap), in the JSON error shape of API.md. The configured header limit itself is checked by
 * {@link Intake}, which can answer 431: the server's own check only reports a generic bad request.
 */
public final class ProtocolErrors {
    private ProtocolErrors() {}

    public static DirectHandlers handlers() {
        DirectHandler handler = (request, eventType, defaultStatus, headers, message) -> {
            String text = message == null || message.isBlank() ? defaultStatus.reasonPhrase() : message;
            String code = defaultStatus.code() == 400 ? "bad_request" : "http_" + defaultStatus.code();
            return DirectHandler.TransportResponse.builder()
                    .status(defaultStatus)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .entity(ErrorBody.of(ErrorBody.Dialect.PLAIN, code, text, 0))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }
}
