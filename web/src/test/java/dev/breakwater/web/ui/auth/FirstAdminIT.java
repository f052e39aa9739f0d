package dev.breakwater.web.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.store.UserRecord;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first admin, on a real SQLite store. */
class FirstAdminIT {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1024, 1);

    @TempDir
    Path dir;

    @Test
    void aFreshStoreGetsAnAdminWithAGeneratedPasswordOnce() throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")))) {
            Optional<String> password = FirstAdmin.ensure(store, hasher, Clock.systemUTC(), Optional.empty());

            assertThat(password).hasValueSatisfying(p -> assertThat(p).hasSize(20));
            UserRecord admin = store.userByName("admin").orElseThrow();
            assertThat(admin.admin()).isTrue();
            assertThat(admin.passwordHash()).doesNotContain(password.get());
            assertThat(hasher.verify(password.get(), admin.passwordHash())).isTrue();

            assertThat(FirstAdmin.ensure(store, hasher, Clock.systemUTC(), Optional.empty())).as("only once").isEmpty();
            assertThat(store.users()).hasSize(1);
        }
    }

    @Test
    void aConfiguredPasswordIsUsedAndNotPrinted() throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")))) {
            assertThat(FirstAdmin.ensure(store, hasher, Clock.systemUTC(), Optional.of("configured-secret"))).isEmpty();

            assertThat(hasher.verify("configured-secret", store.userByName("admin").orElseThrow().passwordHash())).isTrue();
        }
    }

    @Test
    void aConfiguredPasswordThatIsTooShortIsRefused() throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")))) {
            assertThatThrownBy(() -> FirstAdmin.ensure(store, hasher, Clock.systemUTC(), Optional.of("short")))
                    .hasMessageContaining("at least 10 characters");
            assertThat(store.users()).isEmpty();
        }
    }
}
