package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The most a SQLite file on this disk takes of the pipeline's rows: batched {@code INSERT}s of {@link EventRows}
 * (unique event id per row) into a table with the columns of the store's {@code events} table, {@code batch} rows per
 * {@code BEGIN IMMEDIATE … COMMIT}, through one connection opened with SqliteStore's settings (WAL,
 * {@code synchronous=FULL}, busy timeout, foreign keys, a 64 MiB page cache, the WAL copied into the database every
 * 4,000 pages). Nothing else: no issues, counts, lane checkpoint or duplicate check.
 *
 * <p>{@code indexes} adds the store's three indexes on that table (unique {@code (event_id, project_id)},
 * {@code (issue_id, received_at)}, {@code (received_at)}), for context: the store cannot do without the
 * unique one. Not thread-safe.
 */
final class SqliteCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            CREATE TABLE events (
                id                 INTEGER PRIMARY KEY,
                project_id         INTEGER NOT NULL,
                event_id           TEXT    NOT NULL,
                issue_id           INTEGER NOT NULL,
                received_at        INTEGER NOT NULL,
                timestamp          INTEGER NOT NULL,
                level              TEXT    NOT NULL,
                message            TEXT    NOT NULL,
                release            TEXT,
                environment        TEXT,
                document           BLOB    NOT NULL,
                document_encoding  TEXT    NOT NULL
            )""";
    private static final String[] INDEXES = {
        "CREATE UNIQUE INDEX events_event_id ON events (event_id, project_id)",
        "CREATE INDEX events_issue ON events (issue_id, received_at)",
        "CREATE INDEX events_received_at ON events (received_at)",
    };
    static final String INSERT = "INSERT INTO events (project_id, event_id, issue_id, received_at, timestamp, level,"
            + " message, release, environment, document, document_encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final long ISSUE_ID = 1;

    private SqliteCeiling() {}

    static ObjectNode measure(Path file, EventRows rows, long count, int batch, boolean indexes, EventIds.Order idOrder)
            throws SQLException {
        deleteQuietly(file);
        deleteQuietly(file.resolveSibling(file.getFileName() + "-wal"));
        deleteQuietly(file.resolveSibling(file.getFileName() + "-shm"));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        config.enforceForeignKeys(true);
        config.setCacheSize(-64 * 1024);
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "4000"); // SqliteStore.AUTOCHECKPOINT_PAGES
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        EventIds ids = idOrder.start();
        byte[] id = new byte[EnvelopeTemplate.ID_LENGTH];
        long started;
        long finished;
        double cpu = ProcessCpu.seconds();
        ProcessWrites writes;
        ObjectNode written = JSON.createObjectNode();
        try (Connection connection = source.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(TABLE);
                if (indexes) {
                    for (String index : INDEXES) {
                        statement.execute(index);
                    }
                }
            }
            cpu = ProcessCpu.seconds();
            writes = ProcessWrites.now();
            started = System.nanoTime();
            try (Statement control = connection.createStatement();
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (long done = 0; done < count; ) {
                    int size = (int) Math.min(batch, count - done);
                    long receivedAt = System.currentTimeMillis();
                    control.execute("BEGIN IMMEDIATE");
                    for (int i = 0; i < size; i++) {
                        ids.next(id);
                        EventRows.Row row = rows.get(done + i);
                        insert.setLong(1, 1);
                        insert.setString(2, new String(id, StandardCharsets.US_ASCII));
                        insert.setLong(3, ISSUE_ID);
                        insert.setLong(4, receivedAt);
                        insert.setLong(5, row.timestamp());
                        insert.setString(6, row.level());
                        insert.setString(7, row.message());
                        setNullable(insert, 8, row.release());
                        setNullable(insert, 9, row.environment());
                        insert.setBytes(10, row.document());
                        insert.setString(11, row.documentEncoding());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    control.execute("COMMIT");
                    done += size;
                }
            }
            finished = System.nanoTime();
            cpu = ProcessCpu.seconds() - cpu;
            ProcessWrites.put(written, writes, count);
        } finally {
            deleteQuietly(file);
            deleteQuietly(file.resolveSibling(file.getFileName() + "-wal"));
            deleteQuietly(file.resolveSibling(file.getFileName() + "-shm"));
        }
        double seconds = (finished - started) / 1e9;
        ObjectNode json = JSON.createObjectNode();
        json.put("engine", "sqlite");
        json.put("method", "batched INSERT (JDBC addBatch), " + batch + " rows per transaction");
        json.put("indexes", indexes ? "the store's three events indexes" : "none (rowid only)");
        json.put("rows", count);
        json.put("batchRows", batch);
        json.put("seconds", LatencyRecorder.round(seconds, 3));
        json.put("rowsPerSecond", LatencyRecorder.round(count / seconds, 1));
        if (!Double.isNaN(cpu)) {
            json.put("jvmCpuSeconds", LatencyRecorder.round(cpu, 3));
        }
        json.setAll(written);
        return json;
    }

    static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover scratch file is harmless; the script wipes its scratch directory
        }
    }
}
