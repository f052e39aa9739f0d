package dev.breakwater.store;

import static dev.breakwater.store.TestEvent.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testing.PostgresServer;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends StoreContractTest {
    TestingDatabase database;

    static StoreConfig config(TestingDatabase database) {
        return new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 90);
    }

    @Override
    Store openFresh() throws Exception {
        database = TestingPostgres.newDatabase();
        return reopen();
    }

    @Override
    Store reopen() throws Exception {
        return Stores.open(config(database));
    }

    @Override
    int poolSize() {
        return 4;
    }

    List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass"
                        + " ORDER BY c.relname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void isThePostgresqlEngine() {
        assertThat(store.engine()).isEqualTo("postgresql");
    }

    @Test
    void maintainCreatesPartitionsAheadAndDropsExpiredOnes() throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        store.apply(batch(1, event(project, "old").at(Instant.parse("2026-08-01T08:00:00Z")).build(),
                event(project, "edge").at(Instant.parse("2026-08-24T23:00:00Z")).build(),
                event(project, "kept").at(Instant.parse("2026-08-25T01:00:00Z")).build()));
        assertThat(partitions()).containsExactly("events_20260801", "events_20260824", "events_20260825");

        store.maintain(now);

        // retention 90 days: the cutoff 2026-08-24T12:00Z falls inside 08-24, which is kept until wholly expired
        assertThat(partitions()).containsExactly("events_20260824", "events_20260825", "events_20261122",
                "events_20261123", "events_20261124", "events_20261125");
        assertThat(store.event("old")).isEmpty();
        assertThat(store.event("edge")).isPresent();
        // the event key is gone too, so the same event id could be stored again
        assertThat(store.apply(batch(2, event(project, "old").at(now).build())).inserted()).isEqualTo(1);
        assertThat(partitions()).contains("events_20261122");
    }

    @Test
    void recreatesAPartitionDroppedBehindItsBack() throws Exception {
        store.apply(batch(1, event(project, "e1").build()));
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE events_20261120");
            statement.execute("DELETE FROM event_keys");
        }

        assertThat(store.apply(batch(2, event(project, "e2").build())).inserted()).isEqualTo(1);
        assertThat(store.event("e2")).isPresent();
    }

    @Test
    void aSignalWriterWaitsForAnotherUntilItCommitsButReadersDoNot() throws Exception {
        store.apply(batch(1, event(project, "e1").fingerprint("a").build()));
        CompletableFuture<BatchOutcome> applied;
        try (Connection other =
                DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                // another writer has taken the next id but not committed yet: a batch that took the id after it and
                // committed first would be seen, and passed by a consumer's cursor, before this one becomes visible
                statement.execute("INSERT INTO alert_signals (project_id, issue_id, kind, at)"
                        + " VALUES (" + project + ", 999, 'new_issue', 0)");
            }
            applied = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.apply(batch(2, event(project, "e2").fingerprint("b").build()));
                } catch (StoreException e) {
                    throw new CompletionException(e);
                }
            });
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !applied.isDone());
            // a batch that creates no issue writes no signal and does not wait
            assertThat(store.apply(batch(3, event(project, "e3").fingerprint("a").build())).inserted()).isEqualTo(1);
            assertThat(store.signalsAfter(0, 10)).hasSize(1);
            other.commit();
        }
        assertThat(applied.get(10, TimeUnit.SECONDS).newIssues()).hasSize(1);
        List<AlertSignal> signals = store.signalsAfter(0, 10);
        assertThat(signals).extracting(AlertSignal::issueId)
                .containsExactly(signals.get(0).issueId(), 999L, applied.get().newIssues().get(0));
        assertThat(signals).extracting(AlertSignal::id).isSorted();
    }

    @Test
    void countsThreadsWaitingForAPooledConnection() throws Exception {
        // two connections, the fewest that opens (Flyway holds one for its lock while it migrates on another)
        StoreConfig config = new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 90);
        try (Store small = Stores.open(config);
                ExecutorService threads = Executors.newFixedThreadPool(3);
                Connection other =
                        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            small.apply(batch(1, event(project, "e1").fingerprint("a").build()));
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                // an uncommitted signal: each batch creating an issue waits for it, holding a pooled connection
                statement.execute("INSERT INTO alert_signals (project_id, issue_id, kind, at)"
                        + " VALUES (" + project + ", 999, 'new_issue', 0)");
            }
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (String lane : List.of("lane-a", "lane-b")) {
                calls.add(async(threads, () -> small.apply(new LaneBatch(lane, 1, Map.of(),
                        List.of(event(project, lane).fingerprint(lane).build()), List.of(), List.of()))));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> small.poolStats().orElseThrow().active() == 2);
            calls.add(async(threads, small::ping));

            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> small.poolStats().orElseThrow().waiting() == 1);
            assertThat(small.poolStats()).hasValueSatisfying(pool -> {
                assertThat(pool.max()).isEqualTo(2);
                assertThat(pool.total()).isEqualTo(2);
                assertThat(pool.idle()).isZero();
            });

            other.commit();
            for (CompletableFuture<Void> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            assertThat(small.poolStats().orElseThrow().waiting()).isZero();
        }
    }

    interface StoreCall {
        void run() throws StoreException;
    }

    static CompletableFuture<Void> async(ExecutorService threads, StoreCall call) {
        return CompletableFuture.runAsync(() -> {
            try {
                call.run();
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    @Test
    void anUnreachableDatabaseFailsToOpenNamingEngineAndUrlButNotThePassword() {
        String url = "jdbc:postgresql://localhost:1/breakwater?password=s3cret";
        StoreConfig config = new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(url),
                Optional.of("postgres"), Optional.of("other-secret"), 2, Duration.ofMillis(500), Duration.ofSeconds(5),
                90);

        assertThatThrownBy(() -> Stores.open(config))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("postgresql")
                .hasMessageContaining("jdbc:postgresql://localhost:1/breakwater")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("other-secret");
    }

    @Test
    void aStatementTimeoutIsTransient() throws Exception {
        StoreConfig config = new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 2, Duration.ofSeconds(1),
                Duration.ofMillis(200), 90);
        try (Store impatient = Stores.open(config)) {
            JdbcStore jdbc = (JdbcStore) impatient;
            assertThatThrownBy(() -> jdbc.read("sleep", connection -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SELECT pg_sleep(2)");
                        }
                        return null;
                    }))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
        }
    }

    @Test
    void anOutageIsTransientAndTheStoreRecoversWhenTheServerIsBack() throws Exception {
        try (PostgresServer server = PostgresServer.start("outage")) {
            TestingDatabase own = server.newDatabase();
            try (Store outaged = Stores.open(config(own))) {
                long id = outaged.createProject(new NewProject("p", "p", T0, new ProjectKeyRecord("a", "b", "c"))).id();
                outaged.apply(batch(1, event(id, "e1").build()));

                server.stop();
                assertThatThrownBy(outaged::ping)
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
                assertThatThrownBy(() -> outaged.apply(batch(2, event(id, "e2").build())))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());

                server.start();
                Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(outaged::ping);
                assertThat(outaged.apply(batch(2, event(id, "e2").build())).inserted()).isEqualTo(1);
                assertThat(outaged.checkpoint("events").orElseThrow().nextOffset()).isEqualTo(2);
                assertThat(outaged.event("e1")).isPresent();
            }
        }
    }
}
