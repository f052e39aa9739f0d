package dev.breakwater.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQLite keeps events in one table whose unique index on {@code (event_id, project_id)} makes inserts idempotent. */
final class SqliteEventTable implements EventTable {
    private static final String INSERT = "INSERT INTO events (project_id, event_id, issue_id, received_at, timestamp,"
            + " level, message, release, environment, document, document_encoding)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    @Override
    public String keyTable() {
        return "events";
    }

    @Override
    public void prepare(LaneBatch batch) {}

    @Override
    public int[] insert(Statements statements, List<EventWrite> events, long[] issueIds, long maxMessageChars)
            throws SQLException {
        PreparedStatement statement = statements.prepare(INSERT);
        for (int i = 0; i < events.size(); i++) {
            bindEvent(statement, events.get(i), issueIds[i], maxMessageChars);
            statement.addBatch();
        }
        return statement.executeBatch();
    }

    /** Binds the 11 columns of an events row, in the order of the shared column list. */
    static void bindEvent(PreparedStatement statement, EventWrite event, long issueId, long maxMessageChars)
            throws SQLException {
        statement.setLong(1, event.projectId());
        statement.setString(2, event.eventId());
        statement.setLong(3, issueId);
        statement.setLong(4, event.receivedAt().toEpochMilli());
        statement.setLong(5, event.timestamp().toEpochMilli());
        statement.setString(6, event.level());
        statement.setString(7, Sql.truncate(event.message(), maxMessageChars));
        Sql.setString(statement, 8, event.release());
        Sql.setString(statement, 9, event.environment());
        statement.setBytes(10, event.document());
        statement.setString(11, event.documentEncoding());
    }

    @Override
    public Optional<StoredEvent> find(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + Sql.EVENT_SUMMARY_COLUMNS
                + ", document, document_encoding FROM events WHERE event_id = ? ORDER BY project_id LIMIT 1")) {
            statement.setString(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(JdbcStore.storedEvent(rows)) : Optional.empty();
            }
        }
    }
}
