package dev.breakwater.server.http;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process is up), {@code /readyz} (ingest is accepting) and {@code /metrics} (Prometheus). */
public final class HealthRoutes implements HttpService {
    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry metrics;

    public HealthRoutes(BooleanSupplier ready, PrometheusMeterRegistry metrics) {
        this.ready = requireNonNull(ready, "ready is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/healthz", (req, res) -> Json.send(res, 200, Json.object().put("status", "up")))
                .get("/readyz", (req, res) -> {
                    boolean accepting = ready.getAsBoolean();
                    Json.send(res, accepting ? 200 : 503, Json.object().put("status", accepting ? "ready" : "draining"));
                })
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape());
                });
    }
}
