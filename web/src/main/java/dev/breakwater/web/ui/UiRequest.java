package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** One signed-in request as UI handlers see it: the HTTP request, who sent it, and the form it posted (if any). */
public record UiRequest(ServerRequest http, Viewer viewer, Form form) {
    public UiRequest {
        requireNonNull(http, "http is null");
        requireNonNull(viewer, "viewer is null");
        requireNonNull(form, "form is null");
    }

    public String path(String name) {
        return http.path().pathParameters().get(name);
    }

    /** A query parameter, stripped; empty when absent or blank. */
    public Optional<String> query(String name) {
        return http.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Whether htmx sent this request (it then wants a fragment, not a whole page). */
    public boolean htmx() {
        return http.headers().contains(HeaderNames.create("HX-Request"));
    }

    /** Path and query as the browser asked for them, for links back to this page. */
    public String uri() {
        String query = http.query().rawValue();
        return http.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
    }
}
