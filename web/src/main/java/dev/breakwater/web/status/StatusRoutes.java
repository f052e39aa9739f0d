package dev.breakwater.web.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.Templates;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public status page, for anyone, without signing in:
 *
 * <pre>
 * GET /status          the page: overall status, components, open incidents, incidents of the last 14 days
 * GET /status.atom     incident updates as an Atom feed
 * GET /api/v1/status   the same as JSON (API.md "Alerts and status")
 * </pre>
 *
 * It reads only the store's published statuses and incidents (what the monitor wrote), so it answers while the
 * pipeline, alerting or the UI's sessions are in trouble; when the store itself does not answer it says so with a 503
 * (a page, a plain-text message, or the API's JSON error) and {@code Retry-After}. Register it at the root before the
 * read API and the UI: both claim every other path under theirs. Thread-safe: handlers share nothing mutable.
 */
public final class StatusRoutes implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutes.class);
    static final long RETRY_AFTER_SECONDS = 5;
    // no script at all on this page; styles from this server only
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'none'";
    private static final String UNAVAILABLE =
            "The status service cannot reach its database right now, so it cannot tell how things are; try again in a"
                    + " moment.";

    private final Store store;
    private final Templates templates;
    private final Clock clock;
    private final Supplier<String> publicUrl;

    /** @param publicUrl the server's public URL (e.g. {@code https://errors.example.com}), for the feed's links and ids */
    public StatusRoutes(Store store, Templates templates, Clock clock, Supplier<String> publicUrl) {
        this.store = requireNonNull(store, "store is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/status", this::page);
        rules.get("/status.atom", this::feed);
        rules.get("/api/v1/status", this::json);
    }

    private void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Referrer-Policy"), "same-origin");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        int status;
        String html;
        try {
            StatusReport report = StatusReport.read(store, clock.instant());
            status = 200;
            html = templates.render("status.jte", Map.of("view", StatusPageView.of(report)));
        } catch (StoreException e) {
            unavailable(req, res, e);
            status = 503;
            html = templates.render("status_unavailable.jte", Map.of("message", UNAVAILABLE));
        } catch (RuntimeException e) {
            LOG.error("GET /status failed", e);
            status = 500;
            html = templates.render("status_unavailable.jte",
                    Map.of("message", "The status page failed to render; the failure is logged."));
        }
        send(res, status, "text/html; charset=utf-8", html);
    }

    private void feed(ServerRequest req, ServerResponse res) {
        publicHeaders(res);
        try {
            StatusReport report = StatusReport.read(store, clock.instant());
            send(res, 200, StatusFeed.CONTENT_TYPE, StatusFeed.write(report, baseUrl()));
        } catch (StoreException e) {
            unavailable(req, res, e);
            send(res, 503, "text/plain; charset=utf-8", UNAVAILABLE + "\n");
        }
    }

    private void json(ServerRequest req, ServerResponse res) {
        publicHeaders(res);
        ObjectNode body;
        int status;
        try {
            body = StatusJson.of(StatusReport.read(store, clock.instant()));
            status = 200;
        } catch (StoreException e) {
            unavailable(req, res, e);
            // the API's error shape (API.md "Errors"), like every other /api/v1 answer
            body = StatusJson.MAPPER.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("code", "store_unavailable");
            error.put("message", UNAVAILABLE);
            error.put("retryAfterSeconds", RETRY_AFTER_SECONDS);
            status = 503;
        }
        try {
            send(res, status, "application/json", StatusJson.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publicHeaders(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        // public, credential-free data: other sites may show it (a status widget)
        res.header(HeaderNames.create("Access-Control-Allow-Origin"), "*");
    }

    private static void unavailable(ServerRequest req, ServerResponse res, StoreException e) {
        LOG.warn("GET {}: store unavailable: {}", req.path().rawPath(), e.getMessage());
        res.header(HeaderNames.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
    }

    private String baseUrl() {
        String url = publicUrl.get();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void send(ServerResponse res, int status, String contentType, String body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body.getBytes(UTF_8));
    }
}
