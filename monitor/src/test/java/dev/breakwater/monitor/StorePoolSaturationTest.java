package dev.breakwater.monitor;

import static dev.breakwater.monitor.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.alert.Condition;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A really saturated pool: PostgreSQL with a pool of two, both connections held by queries waiting for a table lock
 * that another connection holds, and more threads waiting for a connection. The sampler must see the saturation
 * persist across samples, and the store:pool alert fire only once it has lasted monitor.store-pool-waiting-for.
 */
class StorePoolSaturationTest {
    @TempDir
    Path dir;

    @Test
    void theAlertFiresOnceEverySampleHasSeenThePoolSaturatedForLongEnough() throws Exception {
        TestingDatabase db = TestingPostgres.newDatabase();
        StoreConfig config = new StoreConfig("postgresql", dir.resolve("unused.db"), Optional.of(db.jdbcUrl()),
                Optional.of(db.user()), Optional.of(db.password()), 2, Duration.ofSeconds(2), Duration.ofSeconds(30),
                90);
        ManualClock clock = new ManualClock(NOW);
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        try (Store store = Stores.open(config);
                Connection locker = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            HealthSampler sampler = new HealthSampler(new SettablePipelineControl("events"), store,
                    new SimpleMeterRegistry(), dir.resolve("spool"), Optional.empty(), Thresholds.defaults(), 120,
                    clock);
            assertThat(sampler.sample().storePoolSaturatedSince()).as("an idle pool").isEmpty();

            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE");
            }
            readers.addAll(startReaders(store, loading));
            await().atMost(Duration.ofSeconds(20)).until(() -> store.poolStats().orElseThrow().waiting() >= 1);

            HealthSample first = sampler.sample();
            assertThat(first.storePoolSaturatedSince()).contains(NOW);
            assertThat(storePool(first).active()).as("saturated at one sample only").isFalse();

            clock.advance(Duration.ofSeconds(15));
            HealthSample second = sampler.sample();
            assertThat(second.storePoolSaturatedFor()).isEqualTo(Duration.ofSeconds(15));
            assertThat(storePool(second).active()).as("15 s of the 30 s").isFalse();

            clock.advance(Duration.ofSeconds(20));
            HealthSample third = sampler.sample();
            assertThat(third.storePoolSaturatedSince()).as("saturated in every sample since the first").contains(NOW);
            Condition pool = storePool(third);
            assertThat(pool.active()).isTrue();
            assertThat(pool.title()).startsWith("Store connection pool saturated for 35 s: ")
                    .contains("waiting for a connection (pool of 2)");
            // the monitor's own ping waits in the same pool: its failure must say so, not just "unreachable"
            Condition ping = condition(third, "store:latency");
            assertThat(ping.active()).isTrue();
            assertThat(ping.details()).contains("ping failed").contains("Connection is not available");
            assertThat(HealthModel.assess(third, Thresholds.defaults()))
                    .filteredOn(assessment -> assessment.component() == Component.WEB)
                    .singleElement()
                    .satisfies(web -> assertThat(web.reason()).startsWith("The database is overloaded"));

            loading.set(false);
            locker.commit(); // the blocked queries finish and nobody waits any more
            for (Thread reader : readers) {
                reader.join(Duration.ofSeconds(20));
            }
            clock.advance(Duration.ofSeconds(5));
            HealthSample after = sampler.sample();
            assertThat(after.storePoolSaturatedSince()).isEmpty();
            assertThat(storePool(after).active()).isFalse();

            // a new run of saturation starts counting afresh
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE");
            }
            loading.set(true);
            readers.clear();
            readers.addAll(startReaders(store, loading));
            await().atMost(Duration.ofSeconds(20)).until(() -> store.poolStats().orElseThrow().waiting() >= 1);
            clock.advance(Duration.ofSeconds(5));
            HealthSample again = sampler.sample();
            assertThat(again.storePoolSaturatedSince()).contains(clock.instant());
            assertThat(storePool(again).active()).isFalse();
            loading.set(false);
            locker.commit();
        } finally {
            loading.set(false);
            for (Thread reader : readers) {
                reader.join(Duration.ofSeconds(20));
            }
        }
    }

    /** Two hold the pool's connections, blocked on the lock; the others wait for one, and ask again on timing out. */
    private static List<Thread> startReaders(Store store, AtomicBoolean loading) {
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(Thread.ofPlatform().daemon().start(() -> {
                while (loading.get()) {
                    try {
                        store.projects();
                    } catch (StoreException e) {
                        // no connection within the acquisition timeout: ask again, so that someone always waits
                    }
                }
            }));
        }
        return readers;
    }

    private static Condition storePool(HealthSample sample) {
        return condition(sample, "store:pool");
    }

    private static Condition condition(HealthSample sample, String key) {
        return InternalConditions.from(sample, Thresholds.defaults()).stream()
                .filter(c -> c.dedupKey().equals(key))
                .findFirst()
                .orElseThrow();
    }
}
