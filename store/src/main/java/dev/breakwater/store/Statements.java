package dev.breakwater.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where the pipeline's write path gets its prepared statements for the length of one transaction: ones closed when the
 * transaction's work is done, or, on SQLite's writer connection, ones kept open from one transaction to the next (see
 * {@link StatementCache}).
 *
 * <p>A statement handed out is the caller's until the scope closes. Callers do not close it themselves, and do not
 * prepare the same text again while still using the statement they got for it (an open result set, a batch being
 * built): both kinds of scope hand out the same statement for the same text.
 */
interface Statements extends AutoCloseable {

    /** The transaction's connection, for what is not a prepared statement (arrays, plain statements). */
    Connection connection();

    PreparedStatement prepare(String sql) throws SQLException;

    /** Ends the scope: fresh statements are closed, kept ones are cleared and stay open for the next transaction. */
    @Override
    void close() throws SQLException;

    /** Statements prepared for this scope, one per text, and closed with it. */
    static Statements fresh(Connection connection) {
        return StatementCache.forOneScope(connection);
    }
}
