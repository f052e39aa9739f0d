package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.pipeline.PipelineException;
import dev.breakwater.store.StoreException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the read API turns a failure into an answer, always in API.md's error shape
 * {@code {"error": {"code", "message", "retryAfterSeconds"?}}}:
 *
 * <ul>
 *   <li>{@link ApiException}: its own status, code, message and headers (400, 401, 403, 404, 405, 409, 413);
 *   <li>a transient {@link StoreException}, or a {@link PipelineException} that is not about an unknown lane: 503
 *       {@code store_unavailable} with {@code Retry-After};
 *   <li>a {@link PipelineException} about an unknown lane: 404;
 *   <li>anything else: 500 {@code internal_error}, logged with its stack trace, which never reaches the body.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class ApiErrors {
    /** How long clients should wait before retrying while the store is unreachable. */
    static final long STORE_RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    /** @param request what failed, e.g. {@code GET /api/v1/issues/7}, for the log */
    static Reply reply(Exception failure, String request) {
        return switch (failure) {
            case ApiException e -> render(e);
            case StoreException e when e.isTransient() -> {
                LOG.warn("{}: store unavailable: {}", request, e.getMessage());
                yield render(storeUnavailable());
            }
            case PipelineException e when e.isUnknownLane() -> render(ApiException.notFound(e.getMessage()));
            case PipelineException e -> {
                LOG.warn("{}: pipeline could not carry out the request: {}", request, e.getMessage());
                yield render(storeUnavailable());
            }
            default -> {
                LOG.error("{} failed", request, failure);
                yield render(500, "internal_error", "the server failed to answer this request; the failure is logged", 0,
                        Map.of());
            }
        };
    }

    private static ApiException storeUnavailable() {
        return ApiException.unavailable(
                "store_unavailable",
                "the store is unavailable right now; retry in " + STORE_RETRY_AFTER_SECONDS + " seconds",
                STORE_RETRY_AFTER_SECONDS);
    }

    private static Reply render(ApiException e) {
        return render(e.status(), e.code(), e.getMessage(), e.retryAfterSeconds(), e.headers());
    }

    private static Reply render(int status, String code, String message, long retryAfterSeconds, Map<String, String> headers) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (retryAfterSeconds > 0) {
            error.put("retryAfterSeconds", retryAfterSeconds);
        }
        return new Reply(status, headers, body);
    }
}
