package dev.breakwater.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production engine: PostgreSQL through a bounded HikariCP pool (acquisition timeout from the config, a
 * statement timeout set on every connection), events in day partitions ({@link PartitionedEventTable}).
 *
 * <p>Writes run at READ COMMITTED. {@code reWriteBatchedInserts} turns JDBC batches into multi-row inserts (so their
 * update counts are unknown: nothing relies on them here). Retention drops whole day partitions, then deletes the
 * matching {@code event_keys} and count rows in chunks.
 *
 * <p>Thread-safe; concurrent writers (several lanes or several processes) are safe.
 */
final class PostgresStore extends JdbcStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    private static final int DELETE_CHUNK = 5_000;
    /** Partitions made ahead of need: today and this many following days. */
    private static final int DAYS_AHEAD = 3;
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "55006", "55000");

    private final HikariDataSource pool;
    private final PartitionedEventTable events;

    private PostgresStore(HikariDataSource pool, PartitionedEventTable events, Clock clock, int retentionDays) {
        super("postgresql", clock, events, true, true, retentionDays);
        this.pool = pool;
        this.events = events;
    }

    static PostgresStore open(StoreConfig config, Clock clock) throws StoreException {
        String url = config.jdbcUrl().orElseThrow();
        String where = "cannot open the postgresql store at " + redact(url) + ": ";
        HikariDataSource pool = null;
        try {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("breakwater-postgres");
            hikari.setJdbcUrl(url);
            config.user().ifPresent(hikari::setUsername);
            config.password().ifPresent(hikari::setPassword);
            hikari.setMaximumPoolSize(Math.max(1, config.poolSize()));
            long acquisition = Math.max(250, config.acquisitionTimeout().toMillis());
            hikari.setConnectionTimeout(acquisition);
            hikari.setValidationTimeout(Math.max(250, Math.min(5_000, acquisition)));
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.setConnectionInitSql("SET statement_timeout = " + config.statementTimeout().toMillis());
            pool = new HikariDataSource(hikari);
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/postgresql")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            PartitionedEventTable events = new PartitionedEventTable(pool);
            events.partitions();
            return new PostgresStore(pool, events, clock, config.retentionDays());
        } catch (SQLException e) {
            close(pool);
            throw new StoreException(where + describe(e), classify(e), e);
        } catch (FlywayException e) {
            close(pool);
            throw new StoreException(where + e.getMessage(), causedBySql(e), e);
        } catch (RuntimeException e) {
            // HikariCP's PoolInitializationException when the first connection fails
            close(pool);
            throw new StoreException(where + messageOf(e), true, e);
        }
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return classify(sql);
            }
        }
        return false;
    }

    private static String messageOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static void close(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }

    /** The URL without a {@code password} parameter, for messages and logs. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public Optional<PoolStats> poolStats() {
        return poolStats(pool);
    }

    @Override
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    @Override
    <T> T onReader(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        }
    }

    @Override
    boolean isTransient(SQLException failure) {
        return classify(failure);
    }

    /** {@inheritDoc} Here concurrent writers: a row another claim holds is skipped. */
    @Override
    String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /**
     * Transient: connection failures (08), insufficient resources such as a full disk (53), operator intervention
     * such as a statement timeout, cancel or shutdown (57), system and I/O errors (58), internal errors (XX),
     * serialization failures and deadlocks (40), lock not available (55P03), and any pool acquisition timeout or
     * other {@link SQLTransientException} / {@link SQLRecoverableException}. Data and constraint errors (22, 23) and
     * everything else are not.
     */
    static boolean classify(SQLException failure) {
        if (failure.getNextException() != null && failure.getNextException() != failure
                && classify(failure.getNextException())) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("58") || state.startsWith("40") || state.startsWith("XX")
                        || TRANSIENT_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public BatchOutcome apply(LaneBatch batch) throws StoreException {
        try {
            return super.apply(batch);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql) || !"23514".equals(sql.getSQLState())
                    || sql.getMessage() == null || !sql.getMessage().contains("no partition")) {
                throw e;
            }
            // a partition we believed in was dropped by someone else: look again and retry once
            log.warn("event partition missing, re-creating: {}", describe(sql));
            events.forgetAll();
            return super.apply(batch);
        }
    }

    @Override
    public void maintain(Instant now) throws StoreException {
        LocalDate today = PartitionedEventTable.day(now.toEpochMilli());
        // whole days before the cutoff's day expire; the cutoff's own day waits until it is entirely past
        LocalDate firstKept = PartitionedEventTable.day(retentionCutoff(now));
        long keptFrom = PartitionedEventTable.startOf(firstKept);
        try {
            for (int i = 0; i <= DAYS_AHEAD; i++) {
                events.ensure(today.plusDays(i));
            }
            for (LocalDate day : events.partitions()) {
                if (day.isBefore(firstKept)) {
                    events.drop(day);
                }
            }
        } catch (SQLException e) {
            throw failure("maintain event partitions", e);
        }
        // after the drop: a crash in between leaves keys without events (harmless), never events without keys
        deleteOlderThan("event_keys", "event_id, project_id", "received_at", keptFrom, DELETE_CHUNK);
        deleteOlderThan("issue_counts_minute", "issue_id, bucket", "bucket", keptFrom, DELETE_CHUNK);
        deleteOlderThan("issue_counts_hour", "issue_id, bucket", "bucket", keptFrom, DELETE_CHUNK);
        deleteExpiredSessions(now, DELETE_CHUNK);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + redact(pool.getJdbcUrl()) + "]";
    }
}
