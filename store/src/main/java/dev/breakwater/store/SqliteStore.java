package dev.breakwater.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded engine: one SQLite database file in WAL mode, with a single writer connection serialised by a lock
 * and a small pool of reader connections, so that reads see the last committed state and never wait for the writer.
 * {@link #poolStats()} reports the reader pool.
 *
 * <p>Durability: every connection runs with {@code synchronous=FULL}, so each commit fsyncs the WAL. WAL with
 * {@code NORMAL} would be faster (an fsync per checkpoint instead of per commit) but a commit could be lost on power
 * failure; the pipeline commits its spool consumer position right after {@link #apply} returns and may then delete
 * spool segments, so the store must be durable by then or acknowledged events could be lost. One fsync per batch of
 * hundreds of events is cheap.
 *
 * <p>Writes use {@code BEGIN IMMEDIATE} so that another process writing the same file (a CLI) makes us wait
 * ({@code busy_timeout}) instead of failing on a lock upgrade. Retention deletes run in small chunks, each in its own
 * transaction, so a large expiry never holds the writer for long.
 *
 * <p>Thread-safe.
 */
final class SqliteStore extends JdbcStore {
    private static final int READERS = 4;
    private static final int DELETE_CHUNK = 2_000;
    /**
     * WAL pages after which a commit checkpoints them into the database file: 16 MiB of 4 KiB pages, four times
     * SQLite's default. An events batch dirties the tail page of every issue it touches in the per-issue index, the
     * issues' rows and the counts besides its own rows (about 1,500 pages for 1,000 events); the checkpoint writes
     * each page once however many commits rewrote it, so checkpointing every few batches instead of after each one
     * writes those pages, and fsyncs the database file, that much less often (300,000 events alternately:
     * 21.8k/22.2k/23.7k/23.5k events/s at the default, 24.2k/26.1k/23.2k at this). The price is a WAL of up to
     * 16 MiB plus a batch, and readers looking up pages in it.
     */
    static final int AUTOCHECKPOINT_PAGES = 4_000;

    private final Path file;
    private final SQLiteDataSource writerSource;
    /** Guarded by {@link #writeLock}; null after a disk error closed it, until the next write opens a fresh one. */
    private Connection writer;
    /** The writer connection's statements, reused by the pipeline's batches; null until first used. Under writeLock. */
    private Statements writerStatements;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final HikariDataSource readers;

    private SqliteStore(Path file, SQLiteDataSource writerSource, Connection writer, HikariDataSource readers,
            Clock clock, int retentionDays) {
        super("sqlite", clock, new SqliteEventTable(), false, false, retentionDays);
        this.file = file;
        this.writerSource = writerSource;
        this.writer = writer;
        this.readers = readers;
    }

    static SqliteStore open(StoreConfig config, Clock clock) throws StoreException {
        Path file = config.sqliteFile().toAbsolutePath();
        String url = "jdbc:sqlite:" + file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot open the sqlite store at " + file + ": " + e, true, e);
        }
        Connection writer = null;
        HikariDataSource readers = null;
        try {
            SQLiteConfig writerConfig = connectionConfig();
            // a bigger page cache for the writer: event inserts touch random pages of the event-id index
            writerConfig.setCacheSize(-64 * 1024);
            writerConfig.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(AUTOCHECKPOINT_PAGES));
            SQLiteDataSource writerSource = new SQLiteDataSource(writerConfig);
            writerSource.setUrl(url);
            Flyway.configure()
                    .dataSource(writerSource)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            writer = writerSource.getConnection();

            SQLiteDataSource readerSource = new SQLiteDataSource(connectionConfig());
            readerSource.setUrl(url);
            HikariConfig pool = new HikariConfig();
            pool.setPoolName("breakwater-sqlite-readers");
            pool.setDataSource(readerSource);
            pool.setMaximumPoolSize(READERS);
            pool.setMinimumIdle(1);
            pool.setConnectionTimeout(Math.max(250, config.acquisitionTimeout().toMillis()));
            readers = new HikariDataSource(pool);
            return new SqliteStore(file, writerSource, writer, readers, clock, config.retentionDays());
        } catch (SQLException e) {
            closeQuietly(writer, readers);
            throw new StoreException("cannot open the sqlite store at " + file + ": " + e.getMessage(),
                    classify(e), e);
        } catch (FlywayException | IllegalStateException e) {
            closeQuietly(writer, readers);
            throw new StoreException("cannot open the sqlite store at " + file + ": " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            closeQuietly(writer, readers);
            throw new StoreException("cannot open the sqlite store at " + file + ": " + e.getMessage(), true, e);
        }
    }

    private static SQLiteConfig connectionConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        config.enforceForeignKeys(true);
        return config;
    }

    private static void closeQuietly(Connection writer, HikariDataSource readers) {
        if (readers != null) {
            readers.close();
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                // already failing; the open error is the one to report
            }
        }
    }

    /**
     * The reader pool's figures: reads, and so {@link #ping()}, wait there. Writes queue on the writer's lock instead,
     * which no pool figure shows.
     */
    @Override
    public Optional<PoolStats> poolStats() {
        return poolStats(readers);
    }

    @Override
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        writeLock.lock();
        try {
            if (writer == null) {
                writer = writerSource.getConnection();
            }
            execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    execute("ROLLBACK");
                } catch (SQLException rollback) {
                    // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR)
                    e.addSuppressed(rollback);
                }
                if (e instanceof SQLException sql && isDiskError(sql)) {
                    // after a full disk or an I/O error the connection's pager may keep failing small transactions
                    // that would fit (seen on a full tmpfs): the next write starts on a fresh connection
                    closeWriter();
                }
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** {@inheritDoc} On the writer connection, kept open from batch to batch: see {@link Statements}. */
    @Override
    Statements statements(Connection connection) {
        if (connection != writer) {
            return Statements.fresh(connection);
        }
        if (writerStatements == null) {
            writerStatements = Statements.keptOpen(writer);
        }
        return writerStatements;
    }

    private void closeWriter() {
        discardWriterStatements();
        try {
            writer.close();
        } catch (SQLException e) {
            // it is being replaced because it failed; nothing more to do with it
        }
        writer = null;
    }

    private void discardWriterStatements() {
        if (writerStatements != null) {
            writerStatements.discard();
            writerStatements = null;
        }
    }

    private static boolean isDiskError(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == 10 || primary == 13; // SQLITE_IOERR, SQLITE_FULL
            }
        }
        return false;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    <T> T onReader(SqlWork<T> work) throws SQLException {
        try (Connection connection = readers.getConnection()) {
            return work.run(connection);
        }
    }

    @Override
    boolean isTransient(SQLException failure) {
        return classify(failure);
    }

    /** {@inheritDoc} Here one writer at a time: a claim cannot meet another one. */
    @Override
    String skipLocked() {
        return "";
    }

    /**
     * Busy or locked database, full disk, I/O errors, a file that cannot be opened or written, a corrupt file: the
     * input is not at fault, so the batch must wait rather than go to quarantine. Constraint, type and SQL errors are
     * not transient.
     */
    static boolean classify(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                if (code != null) {
                    return isTransientCode(code.code & 0xff);
                }
            }
        }
        return false;
    }

    private static boolean isTransientCode(int primary) {
        return switch (primary) {
            case 5, // SQLITE_BUSY
                    6, // SQLITE_LOCKED
                    7, // SQLITE_NOMEM
                    8, // SQLITE_READONLY (file or directory not writable, read-only recovery)
                    9, // SQLITE_INTERRUPT
                    10, // SQLITE_IOERR
                    11, // SQLITE_CORRUPT: nothing the input can fix, and quarantining every batch would be worse
                    13, // SQLITE_FULL
                    14, // SQLITE_CANTOPEN
                    15, // SQLITE_PROTOCOL
                    26 // SQLITE_NOTADB
                    -> true;
            default -> false;
        };
    }

    @Override
    public void maintain(Instant now) throws StoreException {
        long cutoff = retentionCutoff(now);
        deleteOlderThan("events", "id", "received_at", cutoff, DELETE_CHUNK);
        deleteOlderThan("issue_counts_minute", "issue_id, bucket", "bucket", cutoff, DELETE_CHUNK);
        deleteOlderThan("issue_counts_hour", "issue_id, bucket", "bucket", cutoff, DELETE_CHUNK);
        deleteExpiredSessions(now, DELETE_CHUNK);
    }

    /** Test hook: limits the database to {@code pages} pages, so that writes beyond fail with SQLITE_FULL. */
    void limitPages(long pages) throws StoreException {
        write("limit pages", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    /** Pages the database file has now. */
    long pageCount() throws StoreException {
        return read("count pages", connection -> {
            try (Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("PRAGMA page_count")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        readers.close();
        writeLock.lock();
        try {
            discardWriterStatements();
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException e) {
            // nothing is pending: every write transaction commits or rolls back before releasing the lock
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }
}
