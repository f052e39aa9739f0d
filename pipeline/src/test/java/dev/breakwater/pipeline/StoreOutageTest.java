package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.EventSummary;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.Page;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.StoreException;
import dev.breakwater.testing.PostgresServer;
import dev.breakwater.testing.TestingDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away mid-run: the spool keeps taking records, the events lane shows {@code retrying} with the
 * error, and once the database is back every record is stored exactly once.
 */
class StoreOutageTest {
    @TempDir
    Path dir;

    private PostgresServer postgres;
    private PipelineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        postgres = PostgresServer.start("outage");
        TestingDatabase db = postgres.newDatabase();
        fixture = new PipelineFixture(dir, PipelineFixture.postgres(dir, db), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void nothingIsLostOrDoubledWhileTheDatabaseIsDown() throws Exception {
        ProjectRecord project = fixture.createProject("shop");
        for (int i = 0; i < 200; i++) {
            fixture.appendStore(project.id(), event(i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(project.id()) == 200);

        postgres.stop();
        for (int i = 200; i < 500; i++) {
            fixture.appendStore(project.id(), event(i)); // ingest's side: the spool keeps acknowledging
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events().state() == LaneState.RETRYING);
        assertThat(events().lastError()).isPresent();
        assertThat(events().backlogRecords()).isEqualTo(300);

        postgres.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> events().backlogRecords() == 0);
        assertThat(events().state()).isEqualTo(LaneState.RUNNING);
        assertThat(events().lastError()).isEmpty();
        assertThat(counted(project.id())).isEqualTo(500);
        assertThat(storedEventIds(project.id())).hasSize(500).doesNotHaveDuplicates();
    }

    private LaneStatus events() {
        return fixture.pipeline().status().lanes().stream()
                .filter(l -> l.name().equals("events"))
                .findFirst()
                .orElseThrow();
    }

    private long counted(long projectId) throws StoreException {
        return issues(projectId).stream().mapToLong(IssueRecord::count).sum();
    }

    private List<IssueRecord> issues(long projectId) throws StoreException {
        return fixture.store().issues(new IssueQuery(projectId, Optional.empty(), IssueSort.LAST_SEEN, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1000)).items();
    }

    private List<String> storedEventIds(long projectId) throws StoreException {
        List<String> ids = new ArrayList<>();
        for (IssueRecord issue : issues(projectId)) {
            Optional<String> cursor = Optional.empty();
            do {
                Page<EventSummary> page = fixture.store().eventsOfIssue(issue.id(), cursor, 1000);
                page.items().forEach(e -> ids.add(e.eventId()));
                cursor = page.nextCursor();
            } while (cursor.isPresent());
        }
        return ids;
    }

    private static String event(int n) {
        return Payloads.sentryEvent(Payloads.eventId(n), "SQLException", "query " + n + " failed", "load", n);
    }
}
