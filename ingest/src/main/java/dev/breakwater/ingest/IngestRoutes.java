package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.BodyLimits;
import dev.breakwater.ingest.encoding.InflightBytes;
import dev.breakwater.ingest.sentry.EnvelopeLimits;
import dev.breakwater.ingest.sentry.EnvelopeParser;
import dev.breakwater.spool.Spool;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every ingestion endpoint, wired to one spool: Sentry (envelope, store), Rollbar (item, deploy) and artifact
 * uploads. Handlers run on virtual threads and block until their records are durable.
 */
public final class IngestRoutes implements HttpService {
    /** Sentry DSNs may carry a path prefix: {@code https://key@host/sentry/42} posts to {@code /sentry/api/42/envelope/}. */
    private static final Pattern PREFIXED_SENTRY = Pattern.compile("^/.+/api/([^/]+)/(envelope|store)/?$");

    private static final int STORE_MAX_BYTES = 1 << 20;
    private static final int ROLLBAR_MAX_WIRE_BYTES = 1 << 20;
    private static final int ROLLBAR_MAX_DECODED_BYTES = 4 << 20;
    private static final int DEPLOY_MAX_BYTES = 256 << 10;
    /**
     * The HTTP server's own cap on a header block, far above any sane configured limit: past it the server answers
     * a bare 400 before routing; below it {@link Intake} applies the configured limit with a 431.
     */
    public static final int SERVER_HEADER_CAP = 1 << 20;

    /** How long an append may wait for its fsync before the client is told to retry. */
    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(30);

    private final Intake intake;
    private final SentryEndpoints sentry;
    private final RollbarEndpoints rollbar;
    private final ArtifactEndpoints artifacts;

    public IngestRoutes(IngestConfig config, KeyDirectory keys, Spool spool, MeterRegistry registry) {
        requireNonNull(config, "config is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(spool, "spool is null");
        IngestMetrics metrics = new IngestMetrics(registry);
        InflightBytes inflight = new InflightBytes(config.maxInflightBytes());
        Gauge.builder("breakwater.ingest.inflight.bytes", inflight, InflightBytes::inUse)
                .description("request bytes held in memory by ingest right now")
                .register(registry);
        Admission admission = new Admission(new ProjectRateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst()));
        RequestBody requestBody = new RequestBody(config.bodyTimeout());
        SpoolWriter writer = new SpoolWriter(spool, metrics, APPEND_TIMEOUT);
        int wire = (int) Math.min(config.maxWireBytes(), BodyLimits.MAX_ARRAY_BYTES);
        int decoded = (int) Math.min(config.maxDecodedBytes(), BodyLimits.MAX_ARRAY_BYTES);

        this.intake = new Intake(
                metrics, config.maxHeaderBytes(), config.maxConcurrentRequests(), config.admissionWait());
        Gauge.builder("breakwater.ingest.requests.active", intake, Intake::active)
                .description("ingest requests being processed right now (at most ingest.max-concurrent-requests)")
                .register(registry);
        Gauge.builder("breakwater.ingest.requests.waiting", intake, Intake::waiting)
                .description("ingest requests waiting for a processing slot right now (each for at most"
                        + " ingest.admission-wait)")
                .register(registry);
        this.sentry = new SentryEndpoints(
                keys,
                admission,
                requestBody,
                new BodyDecoder(new BodyLimits(wire, decoded), inflight),
                new BodyDecoder(new BodyLimits(Math.min(wire, STORE_MAX_BYTES), Math.min(decoded, STORE_MAX_BYTES)), inflight),
                new EnvelopeParser(EnvelopeLimits.defaults()),
                writer);
        this.rollbar = new RollbarEndpoints(
                keys,
                admission,
                requestBody,
                new BodyDecoder(
                        new BodyLimits(Math.min(wire, ROLLBAR_MAX_WIRE_BYTES), Math.min(decoded, ROLLBAR_MAX_DECODED_BYTES)),
                        inflight),
                new BodyDecoder(new BodyLimits(Math.min(wire, DEPLOY_MAX_BYTES), Math.min(decoded, DEPLOY_MAX_BYTES)), inflight),
                writer);
        this.artifacts = new ArtifactEndpoints(
                keys, admission, requestBody, new BodyDecoder(new BodyLimits(wire, decoded), inflight), writer);
    }

    public boolean accepting() {
        return intake.accepting();
    }

    /** From now on every ingest request is refused with 503; {@code /readyz} reports draining. */
    public void beginShutdown() {
        intake.beginShutdown();
    }

    public boolean awaitIdle(Duration timeout) {
        return intake.awaitIdle(timeout);
    }

    @Override
    public void routing(HttpRules rules) {
        for (String slash : new String[] {"", "/"}) {
            rules.post("/api/{projectId}/envelope" + slash, (req, res) -> sentryEnvelope(req, res, projectId(req)))
                    .post("/api/{projectId}/store" + slash, (req, res) -> sentryStore(req, res, projectId(req)))
                    .options("/api/{projectId}/envelope" + slash, IngestRoutes::preflight)
                    .options("/api/{projectId}/store" + slash, IngestRoutes::preflight)
                    .post("/api/1/item" + slash, (req, res) ->
                            intake.serve("rollbar-item", ErrorBody.Dialect.ROLLBAR, req, res, rollbar::item))
                    .post("/api/1/deploy" + slash, (req, res) ->
                            intake.serve("rollbar-deploy", ErrorBody.Dialect.ROLLBAR, req, res, rollbar::deploy))
                    .post("/api/1/sourcemap" + slash, (req, res) -> intake.serve(
                            "rollbar-sourcemap", ErrorBody.Dialect.ROLLBAR, req, res, r -> artifacts.upload(r, "sourcemap")))
                    .post("/api/1/proguard" + slash, (req, res) -> intake.serve(
                            "rollbar-proguard", ErrorBody.Dialect.ROLLBAR, req, res, r -> artifacts.upload(r, "proguard")));
        }
        rules.post("/*", this::prefixedSentry);
    }

    private void sentryEnvelope(ServerRequest req, ServerResponse res, String projectId) {
        SentryEndpoints.CORS_RESPONSE.forEach(res::header);
        intake.serve("sentry-envelope", ErrorBody.Dialect.SENTRY, req, res, r -> sentry.envelope(r, projectId));
    }

    private void sentryStore(ServerRequest req, ServerResponse res, String projectId) {
        SentryEndpoints.CORS_RESPONSE.forEach(res::header);
        intake.serve("sentry-store", ErrorBody.Dialect.SENTRY, req, res, r -> sentry.store(r, projectId));
    }

    private void prefixedSentry(ServerRequest req, ServerResponse res) {
        Matcher m = PREFIXED_SENTRY.matcher(req.path().path());
        if (!m.matches()) {
            res.next();
        } else if (m.group(2).equals("envelope")) {
            sentryEnvelope(req, res, m.group(1));
        } else {
            sentryStore(req, res, m.group(1));
        }
    }

    private static String projectId(ServerRequest req) {
        return req.path().pathParameters().get("projectId");
    }

    private static void preflight(ServerRequest req, ServerResponse res) {
        SentryEndpoints.CORS_PREFLIGHT.forEach(res::header);
        res.status(Status.OK_200).send();
    }
}
