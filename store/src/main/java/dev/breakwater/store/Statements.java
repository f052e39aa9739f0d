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
 * Where the pipeline's write path gets its prepared statements, one per text: for one transaction, closed with it
 * ({@link #fresh}), or kept open from one transaction to the next on SQLite's writer connection ({@link #keptOpen}),
 * where past {@link #CAPACITY} texts the least recently used is closed.
 *
 * <p>A statement handed out is the caller's until the scope closes ({@link #close}, at the end of the transaction's
 * work). Callers do not close it themselves, and do not prepare the same text again while still using the statement
 * they got for it (an open result set, a batch being built): the same text gets the same statement.
 *
 * <p>Why keep them: sqlite-jdbc compiles every {@code prepareStatement} call anew, and the pipeline prepares the same
 * texts batch after batch, some of them long: the existing-event lookup's {@code IN} lists of up to {@link Sql#CHUNK}
 * markers, the multi-row issue upsert with 13 per issue. Reusing them took 3 to 7 % off the pipeline writer thread's
 * CPU in three runs of 300,000 events each against the build before, on 2026-12-05. PostgreSQL's driver keeps its own
 * cache of parsed and server-prepared statements by text, so there one transaction's statements are closed with it.
 *
 * <p>Why one per text even for one transaction: pgjdbc lends a text's parsed query to one open statement at a time,
 * so a second open statement of the same text (the second chunk of a multi-row insert) would be parsed anew, never
 * become server-prepared, and on closing evict the first one's.
 *
 * <p>At the end of each scope of kept statements the ones it handed out are cleared of their parameters and any batch
 * a failed transaction left half built, so a statement starts clean and no event document stays referenced between
 * transactions. A statement that cannot be cleared is closed and forgotten.
 *
 * <p>Not thread-safe: used under the store's write lock, like its connection. {@link #discard} kept statements before
 * closing the connection.
 */
final class Statements implements AutoCloseable {
    /** Enough for every text the write path uses at once, with room for a few batch sizes of the multi-row ones. */
    static final int CAPACITY = 64;

    private final Connection connection;
    /** Whether the statements outlive the scope: the SQLite writer's, not {@link #fresh} ones. */
    private final boolean keptOpen;
    private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(CAPACITY, 0.75f, true);
    /**
     * What the current scope handed out: cleared at its end, never evicted before. Kept apart from the cache so that
     * clearing does not count as use.
     */
    private final Map<String, PreparedStatement> handedOut = new HashMap<>();

    private Statements(Connection connection, boolean keptOpen) {
        this.connection = requireNonNull(connection, "connection is null");
        this.keptOpen = keptOpen;
    }

    /** Statements kept open from one scope to the next, until {@link #discard}. */
    static Statements keptOpen(Connection connection) {
        return new Statements(connection, true);
    }

    /** Statements prepared for one scope and closed with it. */
    static Statements fresh(Connection connection) {
        return new Statements(connection, false);
    }

    /** The transaction's connection, for what is not a prepared statement (arrays, plain statements). */
    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
            handedOut.put(sql, statement);
            evictPastCapacity();
        } else {
            handedOut.put(sql, statement);
        }
        return statement;
    }

    /** Ends the scope: closes fresh statements; clears the kept ones it handed out, which stay open. */
    @Override
    public void close() {
        if (!keptOpen) {
            discard();
            return;
        }
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
        statements.values().forEach(Statements::closeQuietly);
        statements.clear();
        handedOut.clear();
    }

    /** Statements open now. */
    int size() {
        return statements.size();
    }

    /** Closes the least recently used statements past the capacity, but none that the current scope is using. */
    private void evictPastCapacity() {
        if (statements.size() <= CAPACITY) {
            return;
        }
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
