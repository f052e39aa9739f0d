package dev.breakwater.web.api;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The read API over PostgreSQL (a fresh database of the shared test server per test). */
class PostgresReadApiIT extends ReadApiContract {
    @Override
    Store openStore(Path dir) throws Exception {
        return Stores.open(postgres(TestingPostgres.newDatabase(), dir, Duration.ofSeconds(5)));
    }

    static StoreConfig postgres(TestingDatabase database, Path dir, Duration acquisitionTimeout) {
        return new StoreConfig("postgresql", dir.resolve("unused.db"), Optional.of(database.jdbcUrl()),
                Optional.of(database.user()), Optional.of(database.password()), 4, acquisitionTimeout,
                Duration.ofSeconds(10), 90);
    }
}
