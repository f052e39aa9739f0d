package dev.breakwater.web.ui.alert;

import static dev.breakwater.web.api.ShopData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AlertScan} over a real SQLite store: limits count visible alerts, however many hidden ones are newer. */
class AlertScanIT {
    @TempDir
    Path dir;

    Store store;
    ProjectRecord busy;
    ProjectRecord quiet;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        busy = store.createProject(new NewProject("busy", "Busy", NOW, new ProjectKeyRecord(
                "publickeyb0000000000000000000000", "rollbarb0000000000000000000000000", "otlpb000000000000000000000000000")));
        quiet = store.createProject(new NewProject("quiet", "Quiet", NOW, new ProjectKeyRecord(
                "publickeyq0000000000000000000000", "rollbarq0000000000000000000000000", "otlpq000000000000000000000000000")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsFurtherBackUntilItHasEnoughVisibleAlerts() throws Exception {
        AlertRecord quietOld = fire("quiet:old", quiet, AlertRecord.FIRING, NOW.minus(Duration.ofHours(5)));
        AlertRecord quietResolved = fire("quiet:resolved", quiet, AlertRecord.RESOLVED, NOW.minus(Duration.ofHours(4)));
        for (int i = 0; i < 40; i++) {
            fire("busy:" + i, busy, AlertRecord.FIRING, NOW.minus(Duration.ofMinutes(i)));
        }
        fire("internal", null, AlertRecord.ACKNOWLEDGED, NOW.minus(Duration.ofHours(1)));

        List<AlertRecord> quietOpen = AlertScan.newest(store, AlertStateFilter.OPEN, 1,
                alert -> alert.projectId().equals(Optional.of(quiet.id())));
        assertThat(quietOpen).extracting(AlertRecord::id).containsExactly(quietOld.id());
        assertThat(AlertScan.newest(store, AlertStateFilter.ALL, 5, alert -> alert.projectId().equals(Optional.of(quiet.id()))))
                .extracting(AlertRecord::id).containsExactly(quietResolved.id(), quietOld.id());

        // open merges firing and acknowledged, newest opened first, cut at the limit
        List<AlertRecord> open = AlertScan.newest(store, AlertStateFilter.OPEN, 42, alert -> true);
        assertThat(open).hasSize(42);
        assertThat(open).isSortedAccordingTo((a, b) -> b.openedAt().compareTo(a.openedAt()));
        assertThat(open.get(40).dedupKey()).isEqualTo("internal");
        assertThat(AlertScan.newest(store, AlertStateFilter.RESOLVED, 10, alert -> true)).hasSize(1);
        assertThat(AlertScan.newest(store, AlertStateFilter.ACKNOWLEDGED, 10, alert -> alert.projectId().isPresent())).isEmpty();
        assertThatThrownBy(() -> AlertScan.newest(store, AlertStateFilter.ALL, 0, alert -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private AlertRecord fire(String key, ProjectRecord project, String state, Instant at) throws Exception {
        AlertRecord alert = new AlertRecord(0, key, Optional.ofNullable(project).map(ProjectRecord::id), Optional.empty(),
                key, "", state, 0, List.of(), at, Optional.empty(), Optional.empty(),
                state.equals(AlertRecord.RESOLVED) ? Optional.of(at) : Optional.empty(), at);
        return store.applyAlertChange(new AlertChange(alert, "fired", "fired", at, List.of()));
    }
}
