package dev.breakwater.alert;

import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Shared set-up of alert tests: a real store, projects, channels and a fast configuration. */
final class AlertTesting {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private AlertTesting() {}

    static Store sqlite(Path directory) throws StoreException {
        return Stores.open(StoreConfig.sqlite(directory.resolve("breakwater.db")));
    }

    /** A store on a fresh database of the shared test PostgreSQL server. */
    static Store postgres() throws StoreException {
        return postgres(TestingPostgres.newDatabase());
    }

    /** A store on that database: two stores on one database stand for two servers sharing it. */
    static Store postgres(TestingDatabase database) throws StoreException {
        return Stores.open(new StoreConfig("postgresql", Path.of("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 90));
    }

    static ProjectRecord project(Store store, String slug) throws StoreException {
        return store.createProject(new NewProject(slug, slug + " name", T0,
                new ProjectKeyRecord("pk-" + slug, "rb-" + slug, "otlp-" + slug)));
    }

    static ChannelRecord channel(Store store, String name, String kind, String target, String secret)
            throws StoreException {
        return store.createChannel(new NewChannel(name, kind, target, secret, T0));
    }

    /** Polls fast and evaluates rarely (tests that need evaluation call it or shorten it). */
    static AlertConfig fastConfig() {
        return new AlertConfig(Duration.ofHours(1), Duration.ofMillis(50), 4, 100, Duration.ofSeconds(30), 3,
                Duration.ofSeconds(8), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(),
                Optional.empty());
    }
}
