package dev.breakwater.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.QuarantinedRecord;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events and deploys lanes over a real spool and a real store: records in, grouped issues out, exactly once. Run
 * once per engine ({@link SqliteEventLaneTest}, {@link PostgresEventLaneTest}).
 */
abstract class EventLaneContract {
    @TempDir
    Path dir;

    private PipelineFixture fixture;
    private ProjectRecord project;

    /** The store to run against, fresh for each test. */
    abstract StoreConfig storeConfig(Path dir);

    @BeforeEach
    void start() throws Exception {
        fixture = new PipelineFixture(dir, storeConfig(dir), Clock.systemUTC());
        project = fixture.createProject("shop");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void envelopeStoreAndRollbarRecordsBecomeGroupedIssues() throws Exception {
        // one call site, different messages and lines: one issue
        fixture.appendEnvelope(project.id(), Payloads.eventId(1),
                Payloads.sentryEvent(Payloads.eventId(1), "IllegalStateException", "cart 17 is empty", "pay", 40));
        fixture.appendStore(project.id(),
                Payloads.sentryEvent(Payloads.eventId(2), "IllegalStateException", "cart 99 is empty", "pay", 44));
        // same type from another function: another issue
        fixture.appendEnvelope(project.id(), Payloads.eventId(3),
                Payloads.sentryEvent(Payloads.eventId(3), "IllegalStateException", "cart 5 is empty", "refund", 80));
        fixture.append("events", project.id(), "rollbar-item", "identity", Payloads.rollbarItem(
                        "0a3e3a8c-7b2e-4c7a-9d51-1f1f2b7c9e10", "java.io.IOException", "disk gone", "charge")
                .getBytes(UTF_8));

        List<IssueRecord> issues = awaitIssues(3);
        assertThat(issues).extracting(IssueRecord::count).containsExactlyInAnyOrder(2L, 1L, 1L);
        IssueRecord pay = issues.stream().filter(i -> i.count() == 2).findFirst().orElseThrow();
        assertThat(pay.title()).startsWith("IllegalStateException: cart");
        assertThat(pay.culprit()).contains("pay");
        assertThat(pay.userCount()).isEqualTo(1);
        assertThat(pay.lastRelease()).contains("shop@1.4.2");
        assertThat(fixture.store().event("0a3e3a8c7b2e4c7a9d511f1f2b7c9e10")).isPresent();
    }

    @Test
    void theSameEventTwiceIsCountedOnce() throws Exception {
        String event = Payloads.sentryEvent(Payloads.eventId(7), "NullPointerException", "x", "pay", 3);
        fixture.appendEnvelope(project.id(), Payloads.eventId(7), event);
        fixture.appendStore(project.id(), event); // an SDK that retried over the other endpoint

        List<IssueRecord> issues = awaitIssues(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
        assertThat(fixture.store().issues(query()).items()).singleElement().extracting(IssueRecord::count).isEqualTo(1L);
        assertThat(issues).hasSize(1);
        assertThat(fixture.pipeline().progress("events").duplicateEvents()).isEqualTo(1);
    }

    @Test
    void aRestartNeitherRepeatsNorSkipsRecords() throws Exception {
        for (int i = 0; i < 300; i++) {
            fixture.appendEnvelope(project.id(), Payloads.eventId(1000 + i),
                    Payloads.sentryEvent(Payloads.eventId(1000 + i), "TimeoutException", "after " + i + " ms", "call", i));
            if (i == 150) {
                fixture.restart(); // whatever was processed by now stays processed once
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> issueCount() == 300);
        fixture.restart();
        fixture.appendEnvelope(project.id(), Payloads.eventId(5000),
                Payloads.sentryEvent(Payloads.eventId(5000), "TimeoutException", "after 1 ms", "call", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> issueCount() == 301);
        assertThat(fixture.store().issues(query()).items()).singleElement().extracting(IssueRecord::count).isEqualTo(301L);
    }

    @Test
    void aPoisonRecordIsQuarantinedWithItsReasonAndTheLaneGoesOn() throws Exception {
        long poison = fixture.append("events", project.id(), "sentry-store", "identity", "{not json".getBytes(UTF_8));
        fixture.appendStore(project.id(), Payloads.sentryEvent(Payloads.eventId(9), "Boom", "boom", "pay", 1));

        awaitIssues(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.store().quarantineCount("events") == 1);
        QuarantinedRecord quarantined = fixture.store().quarantine("events", 10).getFirst();
        assertThat(quarantined.record().offset()).isEqualTo(poison);
        assertThat(quarantined.record().reason()).isNotBlank();
        assertThat(new String(quarantined.record().body(), UTF_8)).isEqualTo("{not json");
        LaneStatus lane = laneStatus("events");
        assertThat(lane.state()).isEqualTo(LaneState.RUNNING);
        assertThat(lane.quarantined()).isEqualTo(1);
    }

    @Test
    void aRecordTheStoreRefusesIsQuarantinedAndReplaysOnceTheCauseIsFixed() throws Exception {
        long missingProject = project.id() + 1; // no such project yet: the store refuses its events
        fixture.appendStore(missingProject, Payloads.sentryEvent(Payloads.eventId(11), "Boom", "boom", "pay", 1));
        fixture.appendStore(project.id(), Payloads.sentryEvent(Payloads.eventId(12), "Boom", "boom", "pay", 1));

        awaitIssues(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.store().quarantineCount("events") == 1);
        assertThat(fixture.store().quarantine("events", 10).getFirst().record().reason()).contains("store refused");

        ProjectRecord second = fixture.createProject("billing");
        assertThat(second.id()).isEqualTo(missingProject);
        assertThat(fixture.pipeline().replayQuarantine("events")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.store().issues(query(second.id())).items().isEmpty());
        assertThat(fixture.store().quarantineCount("events")).isZero();
    }

    @Test
    void deploysBecomeDeploysAndReleases() throws Exception {
        fixture.append("deploys", project.id(), "rollbar-deploy", "identity", Payloads.deploy("abc123").getBytes(UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.store().deploys(project.id()).isEmpty());
        assertThat(fixture.store().deploys(project.id()).getFirst().revision()).isEqualTo("abc123");
        assertThat(fixture.store().releases(project.id())).extracting(r -> r.version()).contains("abc123");
    }

    private List<IssueRecord> awaitIssues(int count) throws StoreException {
        await().atMost(Duration.ofSeconds(20)).until(() -> issueCount() >= count);
        return fixture.store().issues(query()).items();
    }

    private long backlog() {
        return laneStatus("events").backlogRecords();
    }

    private LaneStatus laneStatus(String lane) {
        return fixture.pipeline().status().lanes().stream()
                .filter(l -> l.name().equals(lane))
                .findFirst()
                .orElseThrow();
    }

    private int issueCount() throws StoreException {
        return fixture.store().issues(query()).items().stream().mapToInt(i -> (int) i.count()).sum();
    }

    private IssueQuery query() {
        return query(project.id());
    }

    private static IssueQuery query(long projectId) {
        return new IssueQuery(projectId, Optional.of(IssueStatus.UNRESOLVED), IssueSort.LAST_SEEN, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1000);
    }
}
