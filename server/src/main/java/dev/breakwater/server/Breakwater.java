package dev.breakwater.server;

import static dev.breakwater.server.config.ConfigKeys.*;

import dev.breakwater.ingest.IngestConfig;
import dev.breakwater.ingest.IngestRoutes;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.PassThroughEncoding;
import dev.breakwater.ingest.ProtocolErrors;
import dev.breakwater.pipeline.Pipeline;
import dev.breakwater.pipeline.PipelineConfig;
import dev.breakwater.pipeline.PipelineMetrics;
import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.http.AdminToken;
import dev.breakwater.server.http.HealthRoutes;
import dev.breakwater.server.http.ProjectRoutes;
import dev.breakwater.server.alerting.Alerting;
import dev.breakwater.server.http.UiWiring;
import dev.breakwater.server.project.Project;
import dev.breakwater.server.project.ProjectRegistry;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.Stores;
import dev.breakwater.web.api.ReadApi;
import dev.breakwater.web.status.StatusRoutes;
import dev.breakwater.web.ui.Templates;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Breakwater: the explicit wiring of every component, and their lifecycle. {@link #close()} stops in
 * reverse order of start: ingest stops accepting, in-flight appends finish, the spool forces and closes.
 */
public final class Breakwater implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Breakwater.class);

    private final WebServer http;
    private final IngestRoutes ingest;
    private final Spool spool;
    private final Store store;
    private final Pipeline pipeline;
    private final ScheduledExecutorService housekeeping;
    private final ProjectRegistry projects;
    private final AdminToken adminToken;
    private final ProjectRoutes projectRoutes;
    private final Duration shutdownGrace;
    private final JvmGcMetrics gcMetrics;
    private final Alerting alerting;
    private final String publicUrl;
    private final Optional<String> generatedAdminPassword;
    private boolean closed;

    private Breakwater(
            WebServer http,
            IngestRoutes ingest,
            Spool spool,
            Store store,
            Pipeline pipeline,
            ScheduledExecutorService housekeeping,
            ProjectRegistry projects,
            AdminToken adminToken,
            ProjectRoutes projectRoutes,
            Duration shutdownGrace,
            JvmGcMetrics gcMetrics,
            Alerting alerting,
            String publicUrl,
            Optional<String> generatedAdminPassword) {
        this.http = http;
        this.ingest = ingest;
        this.spool = spool;
        this.store = store;
        this.pipeline = pipeline;
        this.housekeeping = housekeeping;
        this.projects = projects;
        this.adminToken = adminToken;
        this.projectRoutes = projectRoutes;
        this.shutdownGrace = shutdownGrace;
        this.gcMetrics = gcMetrics;
        this.alerting = alerting;
        this.publicUrl = publicUrl;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static Breakwater start(Settings settings, Clock clock) throws IOException {
        Path data = Path.of(settings.text(DATA_DIR)).toAbsolutePath().normalize();
        Files.createDirectories(data);

        AdminToken adminToken = AdminToken.load(data, settings.text(ADMIN_TOKEN));
        StoreConfig storeConfig = storeConfig(settings, data);
        PipelineConfig pipelineConfig = pipelineConfig(settings);
        Store store = openStore(storeConfig);
        ProjectRegistry projects;
        try {
            projects = ProjectRegistry.open(store, clock);
            if (projects.projects().isEmpty()) {
                projects.create("default");
            }
        } catch (StoreException e) {
            store.close();
            throw new IOException("the " + store.engine() + " store failed at start: " + e.getMessage(), e);
        }

        SpoolConfig spoolConfig = spoolConfig(settings, data);
        Spool spool;
        try {
            spool = Spool.open(spoolConfig, clock); // recovers every lane before taking traffic
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        Pipeline pipeline = Pipeline.start(pipelineConfig, spool, store, clock);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("store-housekeeping").daemon(true).factory());
        // retention and partitions ahead, off the start-up path: a long retention delete after weeks of downtime must
        // not delay taking traffic, and a batch creates the partition it needs itself
        housekeeping.scheduleWithFixedDelay(() -> maintain(store, clock), 0, 1, TimeUnit.HOURS);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(metrics);
        SpoolMetrics.bind(spool, metrics);
        PipelineMetrics.register(pipeline, metrics);

        int port = settings.port(HTTP_PORT);
        String host = settings.text(HTTP_HOST);
        AtomicReference<String> url = new AtomicReference<>(publicUrl(settings, host, port));
        Alerting alerting;
        try {
            alerting = Alerting.start(
                    settings,
                    url.get(),
                    pipeline,
                    store,
                    spoolConfig.directory(),
                    storeConfig.engine().equals("sqlite") ? Optional.of(storeConfig.sqliteFile()) : Optional.empty(),
                    metrics,
                    clock);
        } catch (RuntimeException e) {
            stop(null, housekeeping, pipeline, spool, store);
            throw e;
        }

        IngestConfig ingestConfig;
        try {
            ingestConfig = new IngestConfig(
                    settings.bytes(MAX_WIRE_SIZE),
                    settings.bytes(MAX_DECODED_SIZE),
                    settings.bytes(MAX_INFLIGHT_BYTES),
                    settings.number(RATE_LIMIT_PER_SECOND),
                    settings.number(RATE_LIMIT_BURST),
                    settings.duration(HTTP_BODY_TIMEOUT),
                    settings.bytes(HTTP_MAX_HEADER_SIZE),
                    (int) Math.min(Integer.MAX_VALUE, settings.number(MAX_CONCURRENT_REQUESTS)),
                    settings.duration(ADMISSION_WAIT));
        } catch (IllegalArgumentException e) {
            stop(alerting, housekeeping, pipeline, spool, store);
            throw new ConfigException(e.getMessage());
        }
        IngestRoutes ingest = new IngestRoutes(ingestConfig, projects, spool, metrics);

        Duration grace = settings.duration(HTTP_SHUTDOWN_GRACE);
        ProjectRoutes projectRoutes = new ProjectRoutes(projects, adminToken, url::get);
        ReadApi readApi = new ReadApi(store, pipeline, adminToken.value(), clock, alerting.actions());
        Templates templates = new Templates();
        StatusRoutes status = new StatusRoutes(store, templates, clock, url::get);
        UiWiring.Wired ui;
        try {
            ui = UiWiring.wire(settings, store, pipeline, projects, alerting.actions(), templates, url::get, clock);
        } catch (StoreException | RuntimeException e) {
            stop(alerting, housekeeping, pipeline, spool, store);
            if (e instanceof StoreException storeFailure) {
                throw new IOException("the " + store.engine() + " store failed at start: " + storeFailure.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
        WebServer http;
        try {
            http = WebServer.builder()
                    .host(host)
                    .port(port)
                    // ingest decodes bodies itself: all five encodings, bounded while streaming, 415 for others
                    .contentEncoding(new PassThroughEncoding())
                    .maxTcpConnections((int) Math.min(Integer.MAX_VALUE, settings.number(HTTP_MAX_CONNECTIONS)))
                    .idleConnectionTimeout(settings.duration(HTTP_IDLE_TIMEOUT))
                    .idleConnectionPeriod(Duration.ofSeconds(5))
                    .addProtocol(Http1Config.builder()
                            .maxHeadersSize((int) Math.max(IngestRoutes.SERVER_HEADER_CAP, settings.bytes(HTTP_MAX_HEADER_SIZE) + 1024))
                            .build())
                    .shutdownGracePeriod(grace)
                    .directHandlers(ProtocolErrors.handlers())
                    .routing(routing -> routing.register(ingest)
                            .register(new HealthRoutes(ingest::accepting, metrics))
                            .register(projectRoutes)
                            // before the read API and the UI, whose catch-alls would take its paths
                            .register(status)
                            .register("/api/v1", readApi)
                            // last: the UI's paths are the root's
                            .register(ui.ui()))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            stop(alerting, housekeeping, pipeline, spool, store);
            throw e;
        }
        if (http.port() <= 0) {
            // the server logs the bind error and carries on without a listener: make it a failed start instead
            http.stop();
            stop(alerting, housekeeping, pipeline, spool, store);
            throw new ConfigException("cannot listen on " + host + ":" + port + " (is another process using the port?)");
        }
        url.set(publicUrl(settings, host, http.port()));
        return new Breakwater(
                http, ingest, spool, store, pipeline, housekeeping, projects, adminToken, projectRoutes, grace, gcMetrics,
                alerting, url.get(), ui.generatedAdminPassword());
    }

    public static StoreConfig storeConfig(Settings settings, Path data) {
        String sqliteFile = settings.text(STORE_SQLITE_FILE);
        try {
            return new StoreConfig(
                    settings.text(STORE_ENGINE),
                    sqliteFile.isEmpty() ? data.resolve("breakwater.db") : Path.of(sqliteFile),
                    optional(settings.text(STORE_JDBC_URL)),
                    optional(settings.text(STORE_USER)),
                    optional(settings.text(STORE_PASSWORD)),
                    (int) Math.min(1000, settings.number(STORE_POOL_SIZE)),
                    settings.duration(STORE_ACQUISITION_TIMEOUT),
                    settings.duration(STORE_STATEMENT_TIMEOUT),
                    (int) Math.min(100_000, settings.number(STORE_RETENTION_DAYS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static PipelineConfig pipelineConfig(Settings settings) {
        try {
            return new PipelineConfig(
                    (int) Math.min(100_000, settings.number(PIPELINE_BATCH_RECORDS)),
                    settings.bytes(PIPELINE_BATCH_BYTES),
                    Duration.ofMillis(10),
                    Duration.ofMillis(200),
                    settings.duration(PIPELINE_MAX_BACKOFF),
                    settings.duration(PIPELINE_BATCH_LINGER));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Store openStore(StoreConfig config) throws IOException {
        try {
            return Stores.open(config);
        } catch (StoreException e) {
            throw new IOException("cannot open the " + config.engine() + " store: " + e.getMessage(), e);
        }
    }

    private static void maintain(Store store, Clock clock) {
        try {
            store.maintain(clock.instant());
        } catch (StoreException | RuntimeException e) {
            log.warn("store housekeeping (retention, partitions) failed; will try again in an hour: {}", e.getMessage());
        }
    }

    /** Stops in reverse order of start; {@code alerting} is null when it had not started yet. */
    private static void stop(
            Alerting alerting, ScheduledExecutorService housekeeping, Pipeline pipeline, Spool spool, Store store)
            throws IOException {
        if (alerting != null) {
            alerting.close(); // before the store it reads and writes
        }
        housekeeping.shutdownNow();
        pipeline.close();
        try {
            spool.close();
        } finally {
            store.close();
        }
    }

    public static SpoolConfig spoolConfig(Settings settings, Path data) throws IOException {
        Map<String, Long> quotas = new LinkedHashMap<>();
        quotas.put(Lanes.EVENTS, settings.bytes(LANE_QUOTA_EVENTS));
        quotas.put(Lanes.TRANSACTIONS, settings.bytes(LANE_QUOTA_TRANSACTIONS));
        quotas.put(Lanes.METRICS, settings.bytes(LANE_QUOTA_METRICS));
        quotas.put(Lanes.DEPLOYS, settings.bytes(LANE_QUOTA_DEPLOYS));
        quotas.put(Lanes.ARTIFACTS, settings.bytes(LANE_QUOTA_ARTIFACTS));
        return new SpoolConfig(
                data.resolve("spool"),
                nodeId(settings, data),
                settings.bytes(SPOOL_SEGMENT_SIZE),
                quotas,
                settings.bytes(SPOOL_MAX_PENDING));
    }

    /**
     * The configured node id, or one made at first start and kept in {@code <data>/node-id}: the processing delay is
     * tracked per node, so the id must not change when the host is renamed or the container moves.
     */
    static String nodeId(Settings settings, Path data) throws IOException {
        String configured = settings.text(NODE_ID);
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = data.resolve("node-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        } catch (IOException e) {
            host = "node";
        }
        String id = host + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        DurableFiles.replace(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static String publicUrl(Settings settings, String host, int port) {
        String configured = settings.text(HTTP_PUBLIC_URL);
        if (!configured.isEmpty()) {
            return configured;
        }
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + shown + ":" + port;
    }

    public int port() {
        return http.port();
    }

    public Spool spool() {
        return spool;
    }

    public Store store() {
        return store;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public ProjectRegistry projects() {
        return projects;
    }

    /** What a person needs to send data: printed at start-up. The admin token only when it was just generated. */
    public void printWelcome(PrintStream out) {
        out.println("Breakwater is listening on port " + http.port() + " (node " + spool.nodeId() + ")");
        for (Project project : projects.projects()) {
            project.keys().forEach(key -> {
                out.println("  project '" + project.slug() + "' (id " + project.id() + ")");
                out.println("    Sentry DSN:           " + projectRoutes.dsn(key));
                out.println("    Rollbar access token: " + key.rollbarToken());
            });
        }
        out.println("  web UI: " + publicUrl + "/");
        generatedAdminPassword.ifPresent(password ->
                out.println("  UI user 'admin', password (shown once, not stored in clear): " + password));
        if (adminToken.generated()) {
            out.println("  admin token (shown once, also in the data folder's admin-token file): " + adminToken.value());
        }
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ingest.beginShutdown(); // new ingest requests get 503 from here on; /readyz says draining
        boolean drained = ingest.awaitIdle(shutdownGrace);
        if (!drained) {
            log.warn("shutdown: in-flight ingest requests still running after {}; stopping anyway", shutdownGrace);
        }
        http.stop();
        // consumers finish their current batch; then the spool forces whatever is pending (nothing acknowledged is
        // lost) and the store closes last
        stop(alerting, housekeeping, pipeline, spool, store);
        gcMetrics.close();
    }
}
