package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements made for one scope, one per text, all closed with it. PostgreSQL's driver keeps its own cache
 * of parsed and server-prepared statements by text, so there is nothing to gain from keeping the JDBC objects longer.
 *
 * <p>One per text rather than one per call: a statement must be closed before the driver's cache hands its parsed
 * query out again, so a second statement of the same text in one transaction (the chunks of a multi-row insert)
 * would be parsed anew and never become a server-prepared one. Not thread-safe.
 */
final class FreshStatements implements Statements {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    FreshStatements(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
