package dev.breakwater.alert;

import dev.breakwater.store.Store;

class PostgresAlertBookTest extends AlertBookContract {
    @Override
    Store openStore() throws Exception {
        return AlertTesting.postgres();
    }
}
