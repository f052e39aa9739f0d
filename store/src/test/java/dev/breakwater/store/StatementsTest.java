package dev.breakwater.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Statements}, kept open and fresh, on a real SQLite file. */
class StatementsTest {
    private static final String INSERT = "INSERT INTO t (v) VALUES (?)";

    @TempDir
    Path directory;

    private Connection connection;
    private Statements cache;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("cache.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v TEXT NOT NULL)");
        }
        cache = Statements.keptOpen(connection);
    }

    @AfterEach
    void close() throws SQLException {
        cache.discard();
        connection.close();
    }

    @Test
    void theSameTextGetsTheSameStatementFromOneTransactionToTheNext() throws SQLException {
        PreparedStatement first;
        try (Statements scope = cache) {
            first = scope.prepare(INSERT);
            first.setString(1, "a");
            first.executeUpdate();
        }
        try (Statements scope = cache) {
            PreparedStatement again = scope.prepare(INSERT);
            assertThat(again).isSameAs(first);
            assertThat(scope.prepare("SELECT v FROM t ORDER BY v")).isNotSameAs(first);
            again.setString(1, "b");
            again.executeUpdate();
        }
        assertThat(values()).containsExactly("a", "b");
        assertThat(first.isClosed()).isFalse();
    }

    @Test
    void aBatchLeftHalfBuiltByAFailedTransactionIsNotRunByTheNextOne() throws SQLException {
        try (Statements scope = cache) {
            PreparedStatement insert = scope.prepare(INSERT);
            insert.setString(1, "from the failed transaction");
            insert.addBatch();
            // the transaction fails here, before its executeBatch; closing the scope is all that happens
        }
        try (Statements scope = cache) {
            PreparedStatement insert = scope.prepare(INSERT);
            insert.setString(1, "next");
            insert.addBatch();
            assertThat(insert.executeBatch()).containsExactly(1);
        }
        assertThat(values()).containsExactly("next");
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedIsClosedButNoneTheCurrentTransactionUses() throws SQLException {
        List<PreparedStatement> statements = new ArrayList<>();
        try (Statements scope = cache) {
            for (int i = 0; i <= Statements.CAPACITY; i++) {
                statements.add(scope.prepare("SELECT v, " + i + " FROM t"));
            }
            assertThat(statements).noneMatch(StatementsTest::isClosed);
        }
        try (Statements scope = cache) {
            PreparedStatement newest = scope.prepare(INSERT);
            assertThat(isClosed(newest)).isFalse();
        }
        assertThat(cache.size()).isEqualTo(Statements.CAPACITY);
        assertThat(isClosed(statements.get(0))).isTrue();
        assertThat(isClosed(statements.get(1))).isTrue();
        assertThat(statements.subList(2, statements.size())).noneMatch(StatementsTest::isClosed);
    }

    @Test
    void discardClosesEveryStatement() throws SQLException {
        PreparedStatement insert;
        PreparedStatement select;
        try (Statements scope = cache) {
            insert = scope.prepare(INSERT);
            select = scope.prepare("SELECT v FROM t");
        }
        cache.discard();
        assertThat(insert.isClosed()).isTrue();
        assertThat(select.isClosed()).isTrue();
        assertThat(cache.size()).isZero();
    }

    @Test
    void freshStatementsAreOnePerTextAndAllClosedWithTheirScope() throws SQLException {
        PreparedStatement insert;
        PreparedStatement select;
        try (Statements scope = Statements.fresh(connection)) {
            insert = scope.prepare(INSERT);
            insert.setString(1, "a");
            insert.executeUpdate();
            assertThat(scope.prepare(INSERT)).isSameAs(insert);
            select = scope.prepare("SELECT v FROM t");
            assertThat(select).isNotSameAs(insert);
        }
        assertThat(insert.isClosed()).isTrue();
        assertThat(select.isClosed()).isTrue();
        assertThat(values()).containsExactly("a");
    }

    private List<String> values() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static boolean isClosed(PreparedStatement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
