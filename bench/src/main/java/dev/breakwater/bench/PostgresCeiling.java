package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.BinaryCopy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The most a PostgreSQL database takes of the pipeline's rows, into a plain (unpartitioned) table with the columns
 * of the store's {@code events} table, {@code batch} rows per transaction over one connection:
 * <ul>
 *   <li>{@code copy}: one {@code COPY events FROM STDIN (FORMAT binary)} per batch, rows encoded in PostgreSQL's
 *       binary copy format as they are sent ({@link CopyManager#copyIn(String)}, {@link CopyIn#writeToCopy});</li>
 *   <li>{@code insert}: one multi-row {@code INSERT … VALUES (…), (…), …} per batch, for context.</li>
 * </ul>
 * {@code indexes} adds a unique {@code (event_id, project_id)} index and {@code (issue_id, received_at, event_id)},
 * what the store keeps per event (in {@code event_keys} and the partition). Not thread-safe.
 */
final class PostgresCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            CREATE TABLE events (
                project_id         BIGINT NOT NULL,
                event_id           TEXT   NOT NULL,
                issue_id           BIGINT NOT NULL,
                received_at        BIGINT NOT NULL,
                timestamp          BIGINT NOT NULL,
                level              TEXT   NOT NULL,
                message            TEXT   NOT NULL,
                release            TEXT,
                environment        TEXT,
                document           BYTEA  NOT NULL,
                document_encoding  TEXT   NOT NULL
            )""";
    private static final String[] INDEXES = {
        "CREATE UNIQUE INDEX events_event_id ON events (event_id, project_id)",
        "CREATE INDEX events_issue ON events (issue_id, received_at, event_id)",
    };
    private static final String COLUMNS = "project_id, event_id, issue_id, received_at, timestamp, level, message,"
            + " release, environment, document, document_encoding";

    enum Method {
        COPY,
        INSERT
    }

    private PostgresCeiling() {}

    static ObjectNode measure(String jdbcUrl, String user, String password, EventRows rows, long count, int batch,
            Method method, boolean indexes, EventIds.Order idOrder) throws SQLException {
        EventIds ids = idOrder.start();
        byte[] id = new byte[EnvelopeTemplate.ID_LENGTH];
        long started;
        long finished;
        double cpu = ProcessCpu.seconds();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS events");
                statement.execute(TABLE);
                if (indexes) {
                    for (String index : INDEXES) {
                        statement.execute(index);
                    }
                }
            }
            connection.setAutoCommit(true); // each COPY or INSERT statement is one transaction: one batch
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            cpu = ProcessCpu.seconds();
            started = System.nanoTime();
            try (PreparedStatement insert = method == Method.INSERT ? connection.prepareStatement(multiRowInsert(batch)) : null) {
                for (long done = 0; done < count; ) {
                    int size = (int) Math.min(batch, count - done);
                    long receivedAt = System.currentTimeMillis();
                    if (method == Method.COPY) {
                        try (BinaryCopy out = new BinaryCopy(
                                copy.copyIn("COPY events (" + COLUMNS + ") FROM STDIN (FORMAT binary)"))) {
                            for (int i = 0; i < size; i++) {
                                ids.next(id);
                                copyRow(out, id, rows.get(done + i), receivedAt);
                            }
                            out.finish();
                        }
                    } else {
                        PreparedStatement statement = size == batch ? insert : connection.prepareStatement(multiRowInsert(size));
                        try {
                            int p = 1;
                            for (int i = 0; i < size; i++) {
                                ids.next(id);
                                EventRows.Row row = rows.get(done + i);
                                statement.setLong(p++, 1);
                                statement.setString(p++, new String(id, StandardCharsets.US_ASCII));
                                statement.setLong(p++, SqliteCeiling.ISSUE_ID);
                                statement.setLong(p++, receivedAt);
                                statement.setLong(p++, row.timestamp());
                                statement.setString(p++, row.level());
                                statement.setString(p++, row.message());
                                SqliteCeiling.setNullable(statement, p++, row.release());
                                SqliteCeiling.setNullable(statement, p++, row.environment());
                                statement.setBytes(p++, row.document());
                                statement.setString(p++, row.documentEncoding());
                            }
                            statement.executeUpdate();
                        } finally {
                            if (statement != insert) {
                                statement.close();
                            }
                        }
                    }
                    done += size;
                }
            }
            finished = System.nanoTime();
            cpu = ProcessCpu.seconds() - cpu;
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE events");
            }
        }
        double seconds = (finished - started) / 1e9;
        ObjectNode json = JSON.createObjectNode();
        json.put("engine", "postgresql");
        json.put("method", method == Method.COPY
                ? "COPY FROM STDIN (FORMAT binary), one per " + batch + "-row transaction"
                : "multi-row INSERT, " + batch + " rows per statement and transaction");
        json.put("indexes", indexes ? "unique (event_id, project_id) and (issue_id, received_at, event_id)" : "none");
        json.put("rows", count);
        json.put("batchRows", batch);
        json.put("seconds", LatencyRecorder.round(seconds, 3));
        json.put("rowsPerSecond", LatencyRecorder.round(count / seconds, 1));
        if (!Double.isNaN(cpu)) {
            json.put("jvmCpuSeconds", LatencyRecorder.round(cpu, 3));
        }
        return json;
    }

    /** The row as the store's write path sends it ({@code PartitionedEventTable}); the id's ASCII bytes are its text. */
    private static void copyRow(BinaryCopy out, byte[] eventId, EventRows.Row row, long receivedAt)
            throws SQLException {
        out.row(11)
                .bigint(1)
                .bytea(eventId)
                .bigint(SqliteCeiling.ISSUE_ID)
                .bigint(receivedAt)
                .bigint(row.timestamp())
                .text(row.level())
                .text(row.message())
                .text(row.release())
                .text(row.environment())
                .bytea(row.document())
                .text(row.documentEncoding());
    }

    private static String multiRowInsert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO events (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }
}
