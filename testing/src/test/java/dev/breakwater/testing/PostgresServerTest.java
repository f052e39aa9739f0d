package dev.breakwater.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void handsOutFreshDatabasesOnTheSharedServer() throws SQLException {
        TestingDatabase first = TestingPostgres.newDatabase();
        TestingDatabase second = TestingPostgres.newDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        execute(first, "CREATE TABLE t (x INT)");
        execute(second, "CREATE TABLE t (x INT)");
    }

    @Test
    void dropsADatabaseEvenWhileAConnectionToItIsOpen() throws SQLException {
        TestingDatabase database = TestingPostgres.server().newDatabase();
        try (Connection open = connect(database)) {
            TestingPostgres.server().dropDatabase(database);

            assertThat(open.isValid(5)).isFalse(); // FORCE ended it
            assertThatThrownBy(() -> execute(database, "SELECT 1")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void keepsPortAndDataAcrossARestart() throws SQLException {
        try (PostgresServer server = PostgresServer.start("restart")) {
            TestingDatabase database = server.newDatabase();
            execute(database, "CREATE TABLE t (x INT)");
            execute(database, "INSERT INTO t VALUES (42)");
            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> execute(database, "SELECT 1")).isInstanceOf(SQLException.class);

            server.start();
            assertThat(server.port()).isEqualTo(port);
            try (Connection connection = connect(database);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT x FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static Connection connect(TestingDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static void execute(TestingDatabase database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
