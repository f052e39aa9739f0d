package dev.breakwater.web.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentUpdatesTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");

    @TempDir
    Path dir;

    @Test
    void operatorUpdateIsStoredWithItsAuthorAndResolvedResolves() throws Exception {
        try (Store store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")))) {
            IncidentRecord incident = store.openIncident("Web", "Web degraded", "investigating", "Slow.", NOW);

            IncidentRecord identified = IncidentUpdates.add(
                    store, incident.id(), "identified", "  The database disk is slow.\r\nMoving it.  ", "ana",
                    NOW.plusSeconds(60)).orElseThrow();
            assertThat(identified.status()).isEqualTo("identified");
            assertThat(identified.updates().getLast().message()).isEqualTo("The database disk is slow.\nMoving it.");
            assertThat(identified.updates().getLast().operator()).hasValue("ana");

            IncidentRecord resolved = IncidentUpdates.add(store, incident.id(), "resolved", "Moved.", "ana",
                    NOW.plusSeconds(120)).orElseThrow();
            assertThat(resolved.resolvedAt()).hasValue(NOW.plusSeconds(120));
            assertThat(store.openIncident("Web")).isEmpty();

            assertThat(IncidentUpdates.add(store, 9999, "monitoring", "x", "ana", NOW)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void refusesWhatShouldNotGoPublic() {
        assertThatThrownBy(() -> IncidentUpdates.checkStatus("fixed")).hasMessageContaining("investigating, identified");
        assertThatThrownBy(() -> IncidentUpdates.checkStatus(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IncidentUpdates.checkMessage("   ")).hasMessageContaining("write a message");
        assertThatThrownBy(() -> IncidentUpdates.checkMessage("x".repeat(IncidentUpdates.MAX_MESSAGE + 1)))
                .hasMessageContaining("2000");
        assertThatThrownBy(() -> IncidentUpdates.checkMessage("bell\u0007")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> IncidentUpdates.checkMessage("lone \uD800 surrogate"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> IncidentUpdates.checkOperator(" ")).hasMessageContaining("username");
        assertThat(IncidentUpdates.checkMessage("tab\tand émoji 🌊")).isEqualTo("tab\tand émoji 🌊");
    }
}
