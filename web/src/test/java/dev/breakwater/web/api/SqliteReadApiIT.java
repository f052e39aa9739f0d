package dev.breakwater.web.api;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import java.nio.file.Path;

/** The read API over the embedded SQLite store. */
class SqliteReadApiIT extends ReadApiContract {
    @Override
    Store openStore(Path dir) throws Exception {
        return Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
    }
}
