package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which engine to open and how.
 *
 * @param engine              {@code sqlite} or {@code postgresql}
 * @param sqliteFile          the SQLite database file (sqlite only)
 * @param jdbcUrl             PostgreSQL JDBC URL (postgresql only)
 * @param poolSize            PostgreSQL pool size
 * @param acquisitionTimeout  how long to wait for a pooled connection before failing (transiently)
 * @param statementTimeout    longest a statement may run before the database cancels it
 * @param retentionDays       events older than this many days are deleted
 */
public record StoreConfig(
        String engine,
        Path sqliteFile,
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        int poolSize,
        Duration acquisitionTimeout,
        Duration statementTimeout,
        int retentionDays) {

    public StoreConfig {
        requireNonNull(engine, "engine is null");
        requireNonNull(sqliteFile, "sqliteFile is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(acquisitionTimeout, "acquisitionTimeout is null");
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (!engine.equals("sqlite") && !engine.equals("postgresql")) {
            throw new IllegalArgumentException("store.engine must be sqlite or postgresql, was '" + engine + "'");
        }
        if (engine.equals("postgresql") && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("store.jdbc-url is required when store.engine is postgresql");
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("store.retention-days must be at least 1, was " + retentionDays);
        }
    }

    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("sqlite", file, Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Duration.ofSeconds(5), Duration.ofSeconds(30), 90);
    }
}
