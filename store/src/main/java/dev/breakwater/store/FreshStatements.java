package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepared statements made anew and all closed with the scope. PostgreSQL's driver keeps its own cache of parsed and
 * server-prepared statements by text, so there is nothing to gain from keeping the JDBC objects. Not thread-safe.
 */
final class FreshStatements implements Statements {
    private final Connection connection;
    private final List<PreparedStatement> prepared = new ArrayList<>();

    FreshStatements(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        prepared.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : prepared) {
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
