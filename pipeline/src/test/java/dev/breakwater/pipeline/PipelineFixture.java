package dev.breakwater.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.RecordDraft;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.TestingDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real spool, a real store and a running pipeline over them, as the server wires them, for tests. Restartable:
 * {@link #restart()} stops the pipeline and closes spool and store, then opens all three again on the same files.
 */
final class PipelineFixture implements AutoCloseable {
    static final PipelineConfig CONFIG = new PipelineConfig(
            200, 4L << 20, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500));

    private final Path spoolDir;
    private final StoreConfig storeConfig;
    private final Clock clock;
    private Spool spool;
    private Store store;
    private final PipelineConfig config;
    private Pipeline pipeline;

    PipelineFixture(Path dir, StoreConfig storeConfig, Clock clock) throws IOException, StoreException {
        this(dir, storeConfig, clock, CONFIG);
    }

    PipelineFixture(Path dir, StoreConfig storeConfig, Clock clock, PipelineConfig config)
            throws IOException, StoreException {
        this.spoolDir = dir.resolve("spool");
        this.storeConfig = storeConfig;
        this.clock = clock;
        this.config = config;
        open();
    }

    static StoreConfig sqlite(Path dir) {
        return StoreConfig.sqlite(dir.resolve("store.db"));
    }

    static StoreConfig postgres(Path dir, TestingDatabase db) {
        return new StoreConfig("postgresql", dir.resolve("unused.db"), Optional.of(db.jdbcUrl()), Optional.of(db.user()),
                Optional.of(db.password()), 4, Duration.ofSeconds(1), Duration.ofSeconds(10), 90);
    }

    private void open() throws IOException, StoreException {
        spool = Spool.open(
                new SpoolConfig(spoolDir, "n1", 256 * 1024, Map.of("events", 64L << 20, "deploys", 8L << 20, "artifacts", 64L << 20),
                        16L << 20),
                clock);
        store = Stores.open(storeConfig);
        pipeline = Pipeline.start(config, spool, store, clock);
    }

    void restart() throws IOException, StoreException {
        close();
        open();
    }

    Spool spool() {
        return spool;
    }

    Store store() {
        return store;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    ProjectRecord createProject(String name) throws StoreException {
        return store.createProject(new NewProject(
                name, name, clock.instant(), new ProjectKeyRecord(uuid(), uuid(), uuid())));
    }

    long append(String lane, long projectId, String source, String encoding, byte[] body) {
        return append(lane, projectId, source, "application/json", encoding, body);
    }

    long append(String lane, long projectId, String source, String contentType, String encoding, byte[] body) {
        AppendOutcome outcome = spool.lane(lane)
                .append(new RecordDraft(Long.toString(projectId), source, contentType, encoding, ByteBuffer.wrap(body)))
                .join();
        if (!(outcome instanceof AppendOutcome.Appended appended)) {
            throw new AssertionError("append refused: " + outcome);
        }
        return appended.offset();
    }

    long appendEnvelope(long projectId, String eventId, String eventJson) {
        return append("events", projectId, "sentry-envelope", "identity", Payloads.envelope(eventId, eventJson));
    }

    long appendStore(long projectId, String eventJson) {
        return append("events", projectId, "sentry-store", "gzip", Payloads.gzip(eventJson.getBytes(UTF_8)));
    }

    Instant now() {
        return clock.instant();
    }

    private static String uuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
        try {
            spool.close();
        } finally {
            store.close();
        }
    }
}
