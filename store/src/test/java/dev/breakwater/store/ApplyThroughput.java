package dev.breakwater.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Not a test: a quick measurement of {@link Store#apply} against raw batched INSERTs of the same event rows into a
 * bare table, for either engine. Run with the test classpath:
 * {@code java -cp ... dev.breakwater.store.ApplyThroughput sqlite|postgres|<jdbc url> [events] [batch]}.
 */
final class ApplyThroughput {
    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "sqlite";
        String rawTarget = target;
        if (target.equals("postgres")) {
            target = dev.breakwater.testing.TestingPostgres.newDatabase().jdbcUrl();
            rawTarget = dev.breakwater.testing.TestingPostgres.newDatabase().jdbcUrl();
        }
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path directory = Files.createTempDirectory("apply-throughput");
        StoreConfig config = target.equals("sqlite")
                ? StoreConfig.sqlite(directory.resolve("store.db"))
                : new StoreConfig("postgresql", directory, Optional.of(target), Optional.of("postgres"),
                        Optional.of(""), 4, Duration.ofSeconds(5), Duration.ofSeconds(60), 90);
        List<List<EventWrite>> batches = events(total, batchSize);

        String rawUrl = target.equals("sqlite") ? "jdbc:sqlite:" + directory.resolve("raw.db") : rawTarget;
        double raw = raw(rawUrl, batches, target.equals("sqlite"));
        double applied;
        try (Store store = Stores.open(config)) {
            long project = store.createProject(new NewProject("bench", "bench", Instant.now(),
                    new ProjectKeyRecord("pk", "rb", "otlp"))).id();
            if (project != 1) {
                throw new IllegalStateException("expected project 1");
            }
            long start = System.nanoTime();
            long offset = 0;
            for (List<EventWrite> batch : batches) {
                offset += batch.size();
                store.apply(new LaneBatch("events", offset, Map.of("n1", new NodeMark(offset, offset)), batch,
                        List.of(), List.of()));
            }
            applied = total / ((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("%s: raw %.0f events/s, apply %.0f events/s (%.0f%%)%n", target, raw, applied,
                100 * applied / raw);
    }

    private static double raw(String url, List<List<EventWrite>> batches, boolean sqlite) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, sqlite ? null : "postgres", sqlite ? null : "")) {
            try (Statement statement = connection.createStatement()) {
                if (sqlite) {
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                }
                statement.execute("DROP TABLE IF EXISTS raw_events");
                statement.execute("CREATE TABLE raw_events (project_id BIGINT, event_id TEXT PRIMARY KEY,"
                        + " issue_id BIGINT, received_at BIGINT, timestamp BIGINT, level TEXT, message TEXT,"
                        + " release TEXT, environment TEXT, document " + (sqlite ? "BLOB" : "BYTEA")
                        + ", document_encoding TEXT)");
                if (System.getProperty("rawIndexes") != null) {
                    statement.execute("CREATE INDEX raw_issue ON raw_events (issue_id, received_at, event_id)");
                    statement.execute("CREATE INDEX raw_received ON raw_events (received_at)");
                }
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            int total = 0;
            for (List<EventWrite> batch : batches) {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO raw_events VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (EventWrite event : batch) {
                        SqliteEventTable.bindEvent(statement, event, 1, 1024);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                connection.commit();
                total += batch.size();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static List<List<EventWrite>> events(int total, int batchSize) {
        SplittableRandom random = new SplittableRandom(42);
        List<List<EventWrite>> batches = new ArrayList<>();
        List<EventWrite> batch = new ArrayList<>();
        Instant at = Instant.parse("2026-11-20T00:00:00Z");
        for (int i = 0; i < total; i++) {
            byte[] document = new byte[1500 + random.nextInt(1000)];
            random.nextBytes(document);
            // like the load generator's corpus: 200 fingerprints, round robin
            String fingerprint = "fp" + i % 200;
            TestEvent event = TestEvent.event(1, String.format("%016x%016x", random.nextLong(), random.nextLong()))
                    .fingerprint(fingerprint)
                    .at(at.plusMillis(i * 7L))
                    .document(document)
                    .release("1." + random.nextInt(5))
                    .environment(random.nextInt(4) == 0 ? "staging" : "production");
            if (random.nextBoolean()) {
                event.user("user" + random.nextInt(5000));
            }
            batch.add(event.build());
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
