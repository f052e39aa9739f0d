package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.server.drill.Drills;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-mortem drills, each against its own throwaway Breakwater, exactly as {@code breakwater drill <name>} runs
 * them: a drill passes only when it saw detection, notification and the status change within its limits and nothing
 * accepted was lost.
 */
class DrillsIT {
    @TempDir
    Path dir;

    @Test
    void silentBacklog() throws Exception {
        Drills.Outcome outcome = Drills.run(Drills.named("silent-backlog").orElseThrow(), dir, Map.of(), System.out);

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.timeline()).anyMatch(line -> line.contains("alert pipeline:delay notified"))
                .anyMatch(line -> line.contains("delay banner on the UI"))
                .anyMatch(line -> line.contains("Processing: events degraded"))
                .anyMatch(line -> line.contains("alert pipeline:delay resolved"))
                .anyMatch(line -> line.contains("every accepted event stored, once"));
    }

    @Test
    void ackedDiskAlert() throws Exception {
        Drills.Outcome outcome = Drills.run(Drills.named("acked-disk-alert").orElseThrow(), dir, Map.of(), System.out);

        // like SmallFilesystem: without root there is no tmpfs to fill, and the drill says so
        Assumptions.assumeFalse(outcome.failure().orElse("").startsWith("needs root"), () -> outcome.failure().get());
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.timeline()).anyMatch(line -> line.contains("alert disk:spool fired"))
                .anyMatch(line -> line.contains("acknowledged disk:"))
                .anyMatch(line -> line.contains("alert disk:spool escalated and notified"))
                .anyMatch(line -> line.contains("before the snooze would have ended"))
                .anyMatch(line -> line.contains("Ingest API major_outage"))
                .anyMatch(line -> line.contains("alert disk:spool resolved"))
                .anyMatch(line -> line.contains("Ingest API operational"))
                .anyMatch(line -> line.contains("every accepted event stored, once"));
    }

    @Test
    void alertStorm() throws Exception {
        Drills.Outcome outcome = Drills.run(Drills.named("alert-storm").orElseThrow(), dir, Map.of(), System.out);

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.timeline()).anyMatch(line -> line.contains("receiver hung:"))
                .anyMatch(line -> line.contains("notifications pending in the outbox"))
                .anyMatch(line -> line.contains("hung vs the better answering window"))
                .anyMatch(line -> line.contains("in the end: every new-issue alert notified"))
                .anyMatch(line -> line.contains("no notification given up"))
                .anyMatch(line -> line.contains("in the end: every accepted event stored, once"));
    }

    @Test
    void thunderingHerd() throws Exception {
        Drills.Outcome outcome = Drills.run(Drills.named("thundering-herd").orElseThrow(), dir, Map.of(), System.out);

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.timeline()).anyMatch(line -> line.contains("every one with Retry-After"))
                .anyMatch(line -> line.contains("/readyz"))
                .anyMatch(line -> line.contains("alert ingest:refusals notified"))
                .anyMatch(line -> line.contains("Ingest API degraded"))
                .anyMatch(line -> line.contains("every accepted event stored, once"))
                .anyMatch(line -> line.contains("alert ingest:refusals resolved"))
                .anyMatch(line -> line.contains("Ingest API operational"));
    }

    @Test
    void blockedLane() throws Exception {
        TestingDatabase database = TestingPostgres.newDatabase();
        Map<String, String> postgres = Map.of(
                "store.engine", "postgresql",
                "store.jdbc-url", database.jdbcUrl(),
                "store.user", database.user(),
                "store.password", database.password());

        Drills.Outcome outcome = Drills.run(Drills.named("blocked-lane").orElseThrow(), dir, postgres, System.out);

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.timeline()).anyMatch(line -> line.contains("artifacts table locked"))
                .anyMatch(line -> line.contains("artifacts lane retrying"))
                .anyMatch(line -> line.contains("alert lane:artifacts:retrying notified"))
                .anyMatch(line -> line.contains("Processing: artifacts partial_outage, every other component operational"))
                .anyMatch(line -> line.contains("the alert names the lane"))
                .anyMatch(line -> line.contains("events still stored while the artifacts lane is blocked"))
                .anyMatch(line -> line.contains("the artifacts lane still blocked"))
                .anyMatch(line -> line.contains("alert lane:artifacts:retrying resolved"))
                .anyMatch(line -> line.contains("Processing: artifacts operational"))
                .anyMatch(line -> line.contains("every accepted source map stored, once"))
                .anyMatch(line -> line.contains("every accepted event stored, once"));
    }
}
