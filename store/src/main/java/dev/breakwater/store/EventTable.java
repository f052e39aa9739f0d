package dev.breakwater.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an engine keeps events and their uniqueness: the one part of the write path the two engines lay out
 * differently (SQLite: one table with a unique index; PostgreSQL: a day-partitioned table plus a key table).
 */
interface EventTable {

    /** The table holding one row per stored event with {@code event_id} and {@code project_id}, keyed by both. */
    String keyTable();

    /** Makes room for the batch's events before its transaction starts (PostgreSQL: creates missing partitions). */
    void prepare(LaneBatch batch) throws SQLException;

    /**
     * Inserts events, skipping any already stored, inside the caller's transaction.
     *
     * @return per event, 1 when inserted and 0 when it was already stored
     */
    int[] insert(Statements statements, List<EventWrite> events, long[] issueIds, long maxMessageChars) throws SQLException;

    Optional<StoredEvent> find(Connection connection, String eventId) throws SQLException;

    /** Which of {@code keys} are already stored. */
    default Set<EventKey> existing(Statements statements, Collection<EventKey> keys) throws SQLException {
        // the query matches event ids in any project; only the batch's own (project, event id) pairs count
        Set<EventKey> wanted = keys instanceof Set<EventKey> set ? set : new HashSet<>(keys);
        Set<EventKey> found = new HashSet<>();
        List<EventKey> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += Sql.CHUNK) {
            List<EventKey> chunk = all.subList(from, Math.min(all.size(), from + Sql.CHUNK));
            String sql = "SELECT project_id, event_id FROM " + keyTable() + " WHERE event_id IN (" + Sql.marks(chunk.size())
                    + ")";
            PreparedStatement statement = statements.prepare(sql);
            int i = 1;
            for (EventKey key : chunk) {
                statement.setString(i++, key.eventId());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    EventKey key = new EventKey(rows.getLong(1), rows.getString(2));
                    if (wanted.contains(key)) {
                        found.add(key);
                    }
                }
            }
        }
        return found;
    }
}
