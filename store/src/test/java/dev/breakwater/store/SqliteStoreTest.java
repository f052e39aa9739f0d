package dev.breakwater.store;

import static dev.breakwater.store.TestEvent.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path directory;

    @Override
    Store openFresh() throws Exception {
        return reopen();
    }

    @Override
    Store reopen() throws Exception {
        return Stores.open(StoreConfig.sqlite(directory.resolve("data/breakwater.db")));
    }

    @Override
    int poolSize() {
        return 4; // the reader pool; the writer connection is not pooled
    }

    @Test
    void isTheSqliteEngineInWalMode() throws Exception {
        assertThat(store.engine()).isEqualTo("sqlite");
        assertThat(Files.exists(directory.resolve("data/breakwater.db-wal"))).isTrue();
    }

    @Test
    void aFullDatabaseIsATransientFailureAndLeavesNothingBehind() throws Exception {
        SqliteStore sqlite = (SqliteStore) store;
        store.apply(batch(1, event(project, "before").build()));
        sqlite.limitPages(sqlite.pageCount());

        byte[] document = new byte[16 * 1024];
        new Random(1).nextBytes(document);
        List<EventWrite> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(event(project, "big" + i).document(document).build());
        }
        assertThatThrownBy(() -> store.apply(batch(2, events)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("sqlite").containsIgnoringCase("full");
                });
        assertThat(store.checkpoint("events").orElseThrow().nextOffset()).isEqualTo(1);
        assertThat(onlyIssue().count()).isEqualTo(1);

        sqlite.limitPages(1_000_000_000);
        assertThat(store.apply(batch(2, events)).inserted()).isEqualTo(50);
        assertThat(onlyIssue().count()).isEqualTo(51);
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsNamingEngineAndFile() throws Exception {
        Path notADirectory = directory.resolve("file");
        Files.writeString(notADirectory, "x");

        assertThatThrownBy(() -> Stores.open(StoreConfig.sqlite(notADirectory.resolve("breakwater.db"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("sqlite")
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aConstraintViolationIsNotTransient() {
        assertThatThrownBy(() -> store.createApiToken(424242, "h", "l", T0))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
    }
}
