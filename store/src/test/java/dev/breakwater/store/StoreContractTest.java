package dev.breakwater.store;

import static dev.breakwater.store.TestEvent.event;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract, run once per engine by {@code SqliteStoreTest} and {@code PostgresStoreTest}: each test
 * starts with a fresh, empty, migrated database.
 */
abstract class StoreContractTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    Store store;
    long project;

    /** A store on a fresh database; every call of {@link #reopen()} afterwards opens the same database again. */
    abstract Store openFresh() throws Exception;

    abstract Store reopen() throws Exception;

    /** The size of the pool {@link Store#poolStats()} reports for a store from {@link #openFresh()}. */
    abstract int poolSize();

    @BeforeEach
    void openStore() throws Exception {
        store = openFresh();
        project = createProject("shop").id();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    ProjectRecord createProject(String slug) throws StoreException {
        return store.createProject(new NewProject(slug, slug + " name", T0,
                new ProjectKeyRecord("pk-" + slug, "rb-" + slug, "otlp-" + slug)));
    }

    static LaneBatch batch(long nextOffset, List<EventWrite> events) {
        return new LaneBatch("events", nextOffset, Map.of(), events, List.of(), List.of());
    }

    static LaneBatch batch(long nextOffset, EventWrite... events) {
        return batch(nextOffset, List.of(events));
    }

    IssueRecord onlyIssue() throws StoreException {
        List<IssueRecord> issues = allIssues(IssueSort.LAST_SEEN);
        assertThat(issues).hasSize(1);
        return issues.get(0);
    }

    List<IssueRecord> allIssues(IssueSort sort) throws StoreException {
        return store.issues(query(sort, 1000, Optional.empty())).items();
    }

    IssueQuery query(IssueSort sort, int limit, Optional<String> cursor) {
        return new IssueQuery(project, Optional.empty(), sort, Optional.empty(), Optional.empty(), Optional.empty(),
                cursor, limit);
    }

    // ---- schema and projects

    @Test
    void migratesAFreshDatabaseAndReopensIt() throws Exception {
        store.apply(batch(3, event(project, "e1").build()));
        store.close();
        store = reopen();

        assertThat(store.project("shop")).isPresent();
        assertThat(store.checkpoint("events")).get().extracting(LaneCheckpoint::nextOffset).isEqualTo(3L);
        assertThat(onlyIssue().count()).isEqualTo(1);
        store.ping();
    }

    @Test
    void reportsAnIdlePool() throws Exception {
        store.ping();

        PoolStats pool = store.poolStats().orElseThrow();
        assertThat(pool.max()).isEqualTo(poolSize());
        assertThat(pool.total()).isBetween(1, poolSize());
        assertThat(pool.active()).isZero();
        assertThat(pool.waiting()).isZero();

        store.close();
        assertThat(store.poolStats()).isEmpty();
        store = null;
    }

    @Test
    void storesProjectsKeysAndApiTokens() throws Exception {
        ProjectRecord other = createProject("billing");

        assertThat(store.projects()).extracting(ProjectRecord::slug).containsExactly("shop", "billing");
        ProjectRecord read = store.project("billing").orElseThrow();
        assertThat(read).isEqualTo(other);
        assertThat(read.keys()).containsExactly(new ProjectKeyRecord("pk-billing", "rb-billing", "otlp-billing"));
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(store.project(other.id())).contains(other);
        assertThat(store.project("nope")).isEmpty();
        assertThat(store.project(9999)).isEmpty();

        store.createApiToken(other.id(), "hash-1", "ci", T0);
        assertThat(store.apiTokenProject("hash-1")).contains(other.id());
        assertThat(store.apiTokenProject("hash-2")).isEmpty();

        assertThatThrownBy(() -> createProject("billing"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    // ---- apply

    @Test
    void applyingTheSameBatchTwiceChangesNothing() throws Exception {
        LaneBatch batch = new LaneBatch("events", 10, Map.of("n1", new NodeMark(9, T0.toEpochMilli())),
                List.of(event(project, "e1").fingerprint("a").release("1.0").environment("prod").user("u1").build(),
                        event(project, "e2").fingerprint("a").at(T0.plusSeconds(90)).user("u2").build(),
                        event(project, "e3").fingerprint("b").at(T0.plusSeconds(3600)).release("1.1").build()),
                List.of(deploy("d1", "1.1", T0)),
                List.of(quarantined(7)));

        BatchOutcome first = store.apply(batch);
        Snapshot before = snapshot();
        BatchOutcome second = store.apply(batch);

        assertThat(first.inserted()).isEqualTo(3);
        assertThat(first.duplicates()).isZero();
        assertThat(first.newIssues()).hasSize(2);
        assertThat(second).isEqualTo(new BatchOutcome(0, 3, List.of(), List.of()));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void skipsDuplicateEventIdsWithinAndAcrossBatches() throws Exception {
        BatchOutcome first = store.apply(batch(3, event(project, "e1").build(), event(project, "e1").build(),
                event(project, "e2").build()));
        BatchOutcome second = store.apply(batch(5, event(project, "e2").build(), event(project, "e3").build()));

        assertThat(first.inserted()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.inserted()).isEqualTo(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.newIssues()).isEmpty();
        IssueRecord issue = onlyIssue();
        assertThat(issue.count()).isEqualTo(3);
        assertThat(store.eventsOfIssue(issue.id(), Optional.empty(), 100).items())
                .extracting(EventSummary::eventId)
                .containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(store.hourlyCounts(issue.id(), T0.minusSeconds(7200), T0.plusSeconds(7200)))
                .extracting(TimeCount::count)
                .containsExactly(3L);
    }

    @Test
    void theSameEventIdInTwoProjectsIsTwoEvents() throws Exception {
        long other = createProject("billing").id();

        BatchOutcome outcome = store.apply(batch(2, event(project, "e1").build(), event(other, "e1").build()));

        assertThat(outcome.inserted()).isEqualTo(2);
        assertThat(outcome.newIssues()).hasSize(2);
    }

    @Test
    void countsDistinctUsersPerIssue() throws Exception {
        store.apply(batch(1, event(project, "e1").user("a").build(), event(project, "e2").user("a").build(),
                event(project, "e3").user("b").build(), event(project, "e4").build()));
        assertThat(onlyIssue().userCount()).isEqualTo(2);

        store.apply(batch(2, event(project, "e5").user("b").build(), event(project, "e6").user("c").build()));
        assertThat(onlyIssue().userCount()).isEqualTo(3);
        assertThat(onlyIssue().count()).isEqualTo(6);
    }

    @Test
    void aResolvedIssueRegressesOnANewEvent() throws Exception {
        store.apply(batch(1, event(project, "e1").build()));
        long issue = onlyIssue().id();
        Instant resolvedAt = T0.plusSeconds(60);
        IssueRecord resolved = store.setIssueStatus(issue, IssueStatus.RESOLVED, resolvedAt).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IssueStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(resolvedAt);

        // received before the resolution, processed late: counted, but does not reopen the issue
        BatchOutcome late = store.apply(batch(2, event(project, "e2").at(T0.plusSeconds(30)).build()));
        assertThat(late.regressedIssues()).isEmpty();
        assertThat(onlyIssue().status()).isEqualTo(IssueStatus.RESOLVED);

        LaneBatch regressing = batch(3, event(project, "e3").at(T0.plusSeconds(120)).build());
        BatchOutcome outcome = store.apply(regressing);
        assertThat(outcome.regressedIssues()).containsExactly(issue);
        assertThat(outcome.newIssues()).isEmpty();
        IssueRecord regressed = onlyIssue();
        assertThat(regressed.status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(regressed.regressedAt()).contains(T0.plusSeconds(120));
        assertThat(regressed.count()).isEqualTo(3);

        assertThat(store.apply(regressing).regressedIssues()).isEmpty();
    }

    @Test
    void anIgnoredIssueStaysIgnored() throws Exception {
        store.apply(batch(1, event(project, "e1").build()));
        long issue = onlyIssue().id();
        store.setIssueStatus(issue, IssueStatus.IGNORED, T0);

        BatchOutcome outcome = store.apply(batch(2, event(project, "e2").at(T0.plusSeconds(60)).build()));

        assertThat(outcome.regressedIssues()).isEmpty();
        assertThat(onlyIssue().status()).isEqualTo(IssueStatus.IGNORED);
        assertThat(onlyIssue().count()).isEqualTo(2);
        assertThat(store.setIssueStatus(12345, IssueStatus.RESOLVED, T0)).isEmpty();
    }

    @Test
    void tracksFirstAndLastReleaseAndTheLatestLevel() throws Exception {
        store.apply(batch(1, event(project, "e1").at(T0).build(),
                event(project, "e2").at(T0.plusSeconds(10)).release("1.0").level("warning").build(),
                event(project, "e3").at(T0.plusSeconds(20)).release("1.1").level("error").build()));
        store.apply(batch(2, event(project, "e4").at(T0.plusSeconds(30)).release("1.2").level("fatal")
                .title("Newest title").build(), event(project, "e5").at(T0.plusSeconds(40)).level("info").build()));

        IssueRecord issue = onlyIssue();
        assertThat(issue.firstRelease()).contains("1.0");
        assertThat(issue.lastRelease()).contains("1.2");
        assertThat(issue.level()).isEqualTo("info");
        assertThat(issue.firstSeen()).isEqualTo(T0);
        assertThat(issue.lastSeen()).isEqualTo(T0.plusSeconds(40));
        assertThat(issue.projectSlug()).isEqualTo("shop");
        assertThat(issue.groupingVersion()).isEqualTo(2);
        assertThat(issue.fingerprint()).isEqualTo("fp-default");
    }

    @Test
    void countsPerMinuteAndHour() throws Exception {
        Instant hour = Instant.parse("2026-11-20T10:00:00Z");
        store.apply(batch(1, event(project, "e1").at(hour.plusSeconds(5)).build(),
                event(project, "e2").at(hour.plusSeconds(50)).build(),
                event(project, "e3").at(hour.plusSeconds(61)).build()));
        store.apply(batch(2, event(project, "e4").at(hour.plusSeconds(3601)).build(),
                event(project, "e5").at(hour.plusSeconds(59)).build()));
        long issue = onlyIssue().id();

        assertThat(store.minuteCounts(issue, hour, hour.plusSeconds(7200))).containsExactly(
                new TimeCount(hour, 3), new TimeCount(hour.plusSeconds(60), 1),
                new TimeCount(hour.plusSeconds(3600), 1));
        assertThat(store.hourlyCounts(issue, hour, hour.plusSeconds(7200)))
                .containsExactly(new TimeCount(hour, 4), new TimeCount(hour.plusSeconds(3600), 1));
        // [from, to): the bucket starting at `to` is left out
        assertThat(store.hourlyCounts(issue, hour, hour.plusSeconds(3600))).containsExactly(new TimeCount(hour, 4));
    }

    @Test
    void mergesNodeMarksIntoTheCheckpoint() throws Exception {
        store.apply(new LaneBatch("events", 10, Map.of("n1", new NodeMark(5, 100), "n2", new NodeMark(3, 50)),
                List.of(), List.of(), List.of()));
        store.apply(new LaneBatch("events", 20, Map.of("n1", new NodeMark(7, 200)), List.of(), List.of(), List.of()));
        store.apply(new LaneBatch("events", 25, Map.of("n1", new NodeMark(6, 150)), List.of(), List.of(), List.of()));

        LaneCheckpoint checkpoint = store.checkpoint("events").orElseThrow();
        assertThat(checkpoint.nextOffset()).isEqualTo(25);
        assertThat(checkpoint.nodes()).isEqualTo(Map.of("n1", new NodeMark(7, 200), "n2", new NodeMark(3, 50)));
        assertThat(checkpoint.paused()).isFalse();
        assertThat(store.checkpoint("deploys")).isEmpty();
    }

    @Test
    void persistsThePauseFlag() throws Exception {
        store.setPaused("metrics", true);
        assertThat(store.checkpoint("metrics")).get()
                .satisfies(c -> assertThat(c.paused()).isTrue())
                .satisfies(c -> assertThat(c.nextOffset()).isZero());

        store.apply(new LaneBatch("metrics", 4, Map.of(), List.of(), List.of(), List.of()));
        assertThat(store.checkpoint("metrics").orElseThrow().paused()).isTrue();
        assertThat(store.checkpoint("metrics").orElseThrow().nextOffset()).isEqualTo(4);

        store.setPaused("metrics", false);
        assertThat(store.checkpoint("metrics").orElseThrow().paused()).isFalse();
        assertThat(store.checkpoint("metrics").orElseThrow().nextOffset()).isEqualTo(4);
    }

    @Test
    void keepsListsAndDeletesQuarantinedRecords() throws Exception {
        LaneBatch batch = new LaneBatch("events", 3, Map.of(), List.of(), List.of(),
                List.of(quarantined(0), quarantined(1), quarantined(2)));
        store.apply(batch);
        store.apply(batch);
        store.apply(new LaneBatch("metrics", 1, Map.of(), List.of(), List.of(), List.of(
                new QuarantineWrite("metrics", 0, "1", "n1", 1, 5, "otlp", "application/x-protobuf", "identity",
                        "bad protobuf", new byte[] {1, 2}))));

        List<QuarantinedRecord> records = store.quarantine("events", 10);
        assertThat(records).extracting(r -> r.record().offset()).containsExactly(0L, 1L, 2L);
        QuarantineWrite first = records.get(0).record();
        assertThat(first.reason()).isEqualTo("undecodable 0");
        assertThat(new String(first.body(), UTF_8)).isEqualTo("{broken 0");
        assertThat(first.node()).isEqualTo("n1");
        assertThat(first.receivedAtMillis()).isEqualTo(T0.toEpochMilli());
        assertThat(store.quarantine("events", 2)).hasSize(2);
        assertThat(store.quarantineCount("events")).isEqualTo(3);
        assertThat(store.quarantineCount("metrics")).isEqualTo(1);

        store.deleteQuarantined("events", List.of(records.get(0).id(), records.get(2).id(), 999_999L));
        assertThat(store.quarantine("events", 10)).extracting(r -> r.record().offset()).containsExactly(1L);
        assertThat(store.quarantineCount("metrics")).isEqualTo(1);
    }

    @Test
    void storesDeploysOnceAndTheirReleases() throws Exception {
        LaneBatch deploys = new LaneBatch("deploys", 2, Map.of(), List.of(),
                List.of(deploy("d1", "1.0", T0), deploy("d1", "1.0", T0), deploy("d2", "2.0", T0.plusSeconds(60))),
                List.of());
        store.apply(deploys);
        store.apply(deploys);
        store.apply(batch(1, event(project, "e1").release("2.0").at(T0.plusSeconds(120)).build(),
                event(project, "e2").release("2.0").at(T0.plusSeconds(130)).build()));

        List<DeployRecord> stored = store.deploys(project);
        assertThat(stored).extracting(DeployRecord::revision).containsExactly("2.0", "1.0");
        assertThat(stored.get(0).user()).contains("alice");
        assertThat(stored.get(0).comment()).isEmpty();
        assertThat(stored.get(0).environment()).isEqualTo("production");
        assertThat(stored.get(0).deployedAt()).isEqualTo(T0.plusSeconds(60));

        List<ReleaseRecord> releases = store.releases(project);
        assertThat(releases).extracting(ReleaseRecord::version).containsExactly("2.0", "1.0");
        assertThat(releases.get(0).eventCount()).isEqualTo(2);
        assertThat(releases.get(0).lastDeployAt()).contains(T0.plusSeconds(60));
        assertThat(releases.get(0).lastSeen()).isEqualTo(T0.plusSeconds(130));
        assertThat(releases.get(1).eventCount()).isZero();
        assertThat(releases.get(1).lastDeployAt()).contains(T0);
    }

    @Test
    void storesArtifactsAndAnUploadOfTheSameNameReplacesTheOlder() throws Exception {
        ArtifactWrite app = artifact("sourcemap", "1.0", "https://shop.example/app.min.js", "map v1", T0, "n1", 1);
        ArtifactWrite vendor = artifact("sourcemap", "1.0", "https://shop.example/vendor.min.js", "vendor", T0, "n1", 2);
        ArtifactWrite mapping = artifact("proguard", "1.0", "c2f0b7a8-0000-4000-8000-000000000001", "a -> b",
                T0.plusSeconds(1), "n1", 3);
        store.apply(artifacts(3, app, vendor, mapping));

        List<ArtifactRecord> stored = store.artifacts(project);
        assertThat(stored).extracting(ArtifactRecord::kind, ArtifactRecord::version, ArtifactRecord::name,
                        ArtifactRecord::size, ArtifactRecord::sha256, ArtifactRecord::createdAt)
                .containsExactly(
                        tuple("proguard", "1.0", mapping.name(), 6L, mapping.sha256(), T0.plusSeconds(1)),
                        tuple("sourcemap", "1.0", vendor.name(), 6L, vendor.sha256(), T0),
                        tuple("sourcemap", "1.0", app.name(), 6L, app.sha256(), T0));
        assertThat(store.artifactContent(stored.get(2).id())).hasValueSatisfying(
                content -> assertThat(new String(content, UTF_8)).isEqualTo("map v1"));
        assertThat(store.checkpoint("artifacts")).hasValueSatisfying(c -> assertThat(c.nextOffset()).isEqualTo(3));

        ArtifactWrite newer = artifact("sourcemap", "1.0", app.name(), "map v2, longer", T0.plusSeconds(60), "n1", 4);
        ArtifactWrite otherRelease = artifact("sourcemap", "2.0", app.name(), "map of 2.0", T0.plusSeconds(61), "n1", 5);
        store.apply(artifacts(5, newer, otherRelease));

        List<ArtifactRecord> after = store.artifacts(project);
        assertThat(after).hasSize(4);
        ArtifactRecord replaced = after.stream()
                .filter(a -> a.version().equals("1.0") && a.name().equals(app.name()))
                .findFirst()
                .orElseThrow();
        assertThat(replaced.size()).isEqualTo(14);
        assertThat(replaced.sha256()).isEqualTo(newer.sha256());
        assertThat(replaced.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(new String(store.artifactContent(replaced.id()).orElseThrow(), UTF_8)).isEqualTo("map v2, longer");
        assertThat(after).filteredOn(a -> a.version().equals("2.0")).extracting(ArtifactRecord::name)
                .containsExactly(app.name());
        assertThat(store.artifacts(createProject("other").id())).isEmpty();
        assertThat(store.artifactContent(999_999L)).isEmpty();
    }

    @Test
    void appliesAnArtifactBatchOnceAndAnOlderRecordNeverReplacesANewer() throws Exception {
        ArtifactWrite first = artifact("sourcemap", "1.0", "app.min.js", "first", T0, "n1", 1);
        ArtifactWrite second = artifact("sourcemap", "1.0", "app.min.js", "second", T0.plusSeconds(5), "n1", 2);
        LaneBatch both = artifacts(2, first, second);
        store.apply(both);
        store.apply(both);
        // the older record alone again, as a batch redelivered out of order would bring it
        store.apply(artifacts(2, first));

        List<ArtifactRecord> stored = store.artifacts(project);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().sha256()).isEqualTo(second.sha256());
        assertThat(new String(store.artifactContent(stored.getFirst().id()).orElseThrow(), UTF_8)).isEqualTo("second");

        // same receive time: the later sequence number wins, whichever order they are applied in
        ArtifactWrite sameTimeLater = artifact("proguard", "1.0", "mapping.txt", "later", T0, "n1", 4);
        ArtifactWrite sameTimeEarlier = artifact("proguard", "1.0", "mapping.txt", "earlier", T0, "n1", 3);
        store.apply(artifacts(4, sameTimeLater, sameTimeEarlier));
        ArtifactRecord mapping = store.artifacts(project).stream()
                .filter(a -> a.kind().equals("proguard"))
                .findFirst()
                .orElseThrow();
        assertThat(new String(store.artifactContent(mapping.id()).orElseThrow(), UTF_8)).isEqualTo("later");
    }

    @Test
    void anArtifactBatchThatFailsLeavesNothingBehind() throws Exception {
        ArtifactWrite ok = artifact("sourcemap", "1.0", "app.min.js", "fine", T0, "n1", 1);
        ArtifactWrite noProject = new ArtifactWrite(987_654L, "sourcemap", "1.0", "x.min.js", new byte[] {1}, "00", T0,
                "n1", 2);
        assertThatThrownBy(() -> store.apply(artifacts(2, ok, noProject))).isInstanceOf(StoreException.class);
        assertThat(store.artifacts(project)).isEmpty();
        assertThat(store.checkpoint("artifacts")).isEmpty();
    }

    ArtifactWrite artifact(String kind, String version, String name, String content, Instant at, String node,
            long seq) throws Exception {
        byte[] bytes = content.getBytes(UTF_8);
        return new ArtifactWrite(project, kind, version, name, bytes, sha256(bytes), at, node, seq);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static LaneBatch artifacts(long nextOffset, ArtifactWrite... artifacts) {
        return new LaneBatch("artifacts", nextOffset, Map.of(), List.of(), List.of(), List.of(artifacts), List.of());
    }

    // ---- reads

    @Test
    void walksEveryIssueOnceInEachSortOrder() throws Exception {
        List<EventWrite> events = new ArrayList<>();
        int n = 0;
        for (int issue = 0; issue < 23; issue++) {
            // ties on every sort value: pairs of issues share last seen, first seen and count
            Instant at = T0.plusSeconds(issue / 2 * 60L);
            for (int i = 0; i <= issue % 4; i++) {
                events.add(event(project, "e" + n++).fingerprint("fp" + issue).at(at).build());
            }
        }
        store.apply(batch(1, events));

        for (IssueSort sort : IssueSort.values()) {
            Function<IssueRecord, Long> value = switch (sort) {
                case LAST_SEEN -> i -> i.lastSeen().toEpochMilli();
                case FIRST_SEEN -> i -> i.firstSeen().toEpochMilli();
                case COUNT -> IssueRecord::count;
            };
            List<IssueRecord> all = allIssues(sort);
            assertThat(all).hasSize(23);
            assertThat(all).isSortedAccordingTo(
                    Comparator.comparing(value).reversed().thenComparing(IssueRecord::id, Comparator.reverseOrder()));

            List<Long> walked = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                Page<IssueRecord> page = store.issues(query(sort, 3, cursor));
                page.items().forEach(i -> walked.add(i.id()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent());
            assertThat(walked).as(sort.wireName()).containsExactlyElementsOf(all.stream().map(IssueRecord::id).toList());
            assertThat(pages).isEqualTo(8);
        }
    }

    @Test
    void filtersIssues() throws Exception {
        store.apply(batch(1,
                event(project, "e1").fingerprint("a").title("ValueError: 100% broken").environment("prod").build(),
                event(project, "e2").fingerprint("b").title("KeyError: user_id").release("1.0").build(),
                event(project, "e3").fingerprint("c").culprit("Checkout.Pay").environment("staging").build(),
                event(project, "e4").fingerprint("a").title("ValueError: 100% broken").environment("staging")
                        .build()));
        long a = issueId("a");
        store.setIssueStatus(issueId("b"), IssueStatus.RESOLVED, T0);

        assertThat(fingerprints(q -> q.status(IssueStatus.RESOLVED))).containsExactly("b");
        assertThat(fingerprints(q -> q.status(IssueStatus.UNRESOLVED))).containsExactlyInAnyOrder("a", "c");
        assertThat(fingerprints(q -> q.text("100%"))).containsExactly("a");
        assertThat(fingerprints(q -> q.text("0% b"))).containsExactly("a");
        assertThat(fingerprints(q -> q.text("r_i"))).containsExactly("b");
        assertThat(fingerprints(q -> q.text("r%i"))).isEmpty();
        assertThat(fingerprints(q -> q.text("checkout.pay"))).containsExactly("c");
        assertThat(fingerprints(q -> q.environment("staging"))).containsExactlyInAnyOrder("a", "c");
        assertThat(fingerprints(q -> q.environment("prod"))).containsExactly("a");
        assertThat(fingerprints(q -> q.release("1.0"))).containsExactly("b");
        assertThat(fingerprints(q -> q.release("9.9"))).isEmpty();
        assertThat(store.issue(a)).get().extracting(IssueRecord::count).isEqualTo(2L);
        assertThat(store.issue(987_654)).isEmpty();
    }

    @Test
    void issueValuesOfABatchThatRolledBackAreWrittenWhenItIsApplied() throws Exception {
        // the writer skips pairs it knows are stored: it must not learn them from a transaction that rolled back.
        // The artifact of an unknown project fails the batch after its environments, releases and users were written.
        EventWrite staging = event(project, "e1").fingerprint("a").environment("staging").release("2.0").user("u1")
                .build();
        ArtifactWrite noProject = new ArtifactWrite(987_654L, "sourcemap", "1.0", "x.min.js", new byte[] {1}, "00", T0,
                "n1", 2);
        assertThatThrownBy(() -> store.apply(new LaneBatch("events", 1, Map.of(), List.of(staging), List.of(),
                List.of(noProject), List.of()))).isInstanceOf(StoreException.class);
        assertThat(allIssues(IssueSort.LAST_SEEN)).isEmpty();

        store.apply(batch(1, staging));
        assertThat(fingerprints(q -> q.environment("staging"))).containsExactly("a");
        assertThat(fingerprints(q -> q.release("2.0"))).containsExactly("a");
        assertThat(onlyIssue().userCount()).isEqualTo(1);

        // and once committed, later batches of the same issue keep them (and add their own)
        store.apply(batch(2, event(project, "e2").fingerprint("a").environment("staging").release("2.0").user("u1")
                .build(), event(project, "e3").fingerprint("a").environment("prod").user("u2").build()));
        assertThat(fingerprints(q -> q.environment("staging"))).containsExactly("a");
        assertThat(fingerprints(q -> q.environment("prod"))).containsExactly("a");
        assertThat(fingerprints(q -> q.release("2.0"))).containsExactly("a");
        assertThat(onlyIssue().userCount()).isEqualTo(2);
        store.close();
        store = reopen();
        store.apply(batch(3, event(project, "e4").fingerprint("a").environment("dev").user("u2").build(),
                event(project, "e5").fingerprint("a").user("u3").build()));
        assertThat(fingerprints(q -> q.environment("dev"))).containsExactly("a");
        assertThat(onlyIssue().count()).isEqualTo(5);
        assertThat(onlyIssue().userCount()).isEqualTo(3);
    }

    @Test
    void refusesAMalformedCursor() {
        assertThatThrownBy(() -> store.issues(query(IssueSort.COUNT, 5, Optional.of("not a cursor!"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> store.issues(query(IssueSort.COUNT, 5,
                        Optional.of(new KeysetCursor("lastSeen", 1, "2").encode()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.eventsOfIssue(1, Optional.of("eHl6"), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesThroughTheEventsOfAnIssueNewestFirst() throws Exception {
        List<EventWrite> events = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            // three events per receive time, their ids not in the order they are stored (7 and 17 are coprime)
            events.add(event(project, String.format("%032x", i * 7 % 17)).at(T0.plusSeconds(i / 3)).build());
        }
        store.apply(batch(1, events));
        long issue = onlyIssue().id();

        List<EventSummary> walked = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<EventSummary> page = store.eventsOfIssue(issue, cursor, 4);
            assertThat(page.items().size()).isLessThanOrEqualTo(4);
            walked.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(walked).hasSize(17);
        assertThat(walked.stream().map(EventSummary::eventId).distinct()).hasSize(17);
        assertThat(walked).isSortedAccordingTo(Comparator.comparing(EventSummary::receivedAt)
                .thenComparing(EventSummary::eventId).reversed());
    }

    @Test
    void readsAStoredEventWithItsDocument() throws Exception {
        byte[] document = new byte[3000];
        Arrays.fill(document, (byte) 7);
        store.apply(batch(1, event(project, "abc").release("1.0").environment("prod").document(document).build()));

        StoredEvent stored = store.event("abc").orElseThrow();
        assertThat(stored.document()).isEqualTo(document);
        assertThat(stored.documentEncoding()).isEqualTo("json");
        assertThat(stored.summary().issueId()).isEqualTo(onlyIssue().id());
        assertThat(stored.summary().release()).contains("1.0");
        assertThat(stored.summary().environment()).contains("prod");
        assertThat(stored.summary().receivedAt()).isEqualTo(T0);
        assertThat(stored.summary().timestamp()).isEqualTo(T0.minusMillis(5));
        assertThat(store.event("nope")).isEmpty();
    }

    /**
     * Events whose rows together and alone are larger than what the PostgreSQL write path sends the server at once
     * ({@link BinaryCopy#CHUNK}), with text beyond ASCII and no release or environment: each comes back byte for byte.
     */
    @Test
    void storesEveryEventOfABatchLargerThanOneCopyChunkByteForByte() throws Exception {
        Random random = new Random(7);
        List<EventWrite> events = new ArrayList<>();
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            byte[] document = new byte[i == 150 ? 2 * BinaryCopy.CHUNK : 2048];
            random.nextBytes(document);
            documents.add(document);
            TestEvent event = event(project, "big-" + i).document(document);
            events.add((i % 2 == 0 ? event.release("r" + i).environment("env-" + i) : event).build());
        }
        String text = "Ünïcödé – 错误 🚨 in ħandler";
        EventWrite plain = events.get(7);
        events.set(7, new EventWrite(plain.projectId(), plain.eventId(), plain.fingerprint(), plain.groupingVersion(),
                plain.title(), plain.culprit(), plain.type(), plain.level(), plain.timestamp(), plain.receivedAt(),
                text, plain.release(), plain.environment(), plain.userKey(), plain.document(),
                plain.documentEncoding()));
        store.apply(batch(1, events));

        for (int i = 0; i < events.size(); i++) {
            StoredEvent stored = store.event("big-" + i).orElseThrow();
            assertThat(stored.document()).as("document of event %d", i).isEqualTo(documents.get(i));
            assertThat(stored.summary().release()).isEqualTo(i % 2 == 0 ? Optional.of("r" + i) : Optional.empty());
            assertThat(stored.summary().environment())
                    .isEqualTo(i % 2 == 0 ? Optional.of("env-" + i) : Optional.empty());
        }
        assertThat(store.event("big-7").orElseThrow().summary().message()).isEqualTo(text);
        assertThat(onlyIssue().count()).isEqualTo(events.size());
    }

    @Test
    void truncatesLongMessagesInTheIndexRow() throws Exception {
        String longText = "x".repeat(5000);
        EventWrite event = event(project, "e1").title(longText).build();
        EventWrite withMessage = new EventWrite(event.projectId(), event.eventId(), event.fingerprint(),
                event.groupingVersion(), event.title(), event.culprit(), event.type(), event.level(),
                event.timestamp(), event.receivedAt(), longText, event.release(), event.environment(),
                event.userKey(), event.document(), event.documentEncoding());
        store.apply(batch(1, withMessage));

        assertThat(store.event("e1").orElseThrow().summary().message()).hasSize(BatchWriter.MAX_TEXT_CHARS);
        assertThat(onlyIssue().title()).hasSize(BatchWriter.MAX_TEXT_CHARS);
    }

    // ---- users, project membership and sign-in sessions

    UserRecord createUser(String username, boolean admin) throws StoreException {
        return store.createUser(new NewUser(username, "hash-of-" + username, admin, T0)).orElseThrow();
    }

    static SessionRecord session(String tokenHash, long userId, Instant expiresAt) {
        return new SessionRecord(tokenHash, userId, "csrf-" + tokenHash, T0, expiresAt);
    }

    @Test
    void createsAndReadsUsers() throws Exception {
        UserRecord alice = createUser("alice", true);
        UserRecord bob = createUser("bob", false);
        // usernames are case-sensitive: a different user, sorted by code point on both engines
        UserRecord capital = createUser("Alice", false);

        assertThat(alice.id()).isNotEqualTo(bob.id()).isNotEqualTo(capital.id());
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.passwordHash()).isEqualTo("hash-of-alice");
        assertThat(alice.admin()).isTrue();
        assertThat(alice.createdAt()).isEqualTo(T0);
        assertThat(alice.failedSignIns()).isZero();
        assertThat(alice.lockedUntil()).isEmpty();
        assertThat(bob.admin()).isFalse();

        assertThat(store.users()).extracting(UserRecord::username).containsExactly("Alice", "alice", "bob");
        assertThat(store.user(alice.id())).contains(alice);
        assertThat(store.user(bob.id())).contains(bob);
        assertThat(store.user(987_654)).isEmpty();
        assertThat(store.userByName("bob")).contains(bob);
        assertThat(store.userByName("Alice")).contains(capital);
        assertThat(store.userByName("BOB")).isEmpty();
        assertThat(store.userByName("bo")).isEmpty();

        store.close();
        store = reopen();
        assertThat(store.users()).containsExactly(capital, alice, bob);
    }

    @Test
    void aTakenUsernameCreatesNothing() throws Exception {
        UserRecord alice = createUser("alice", false);

        assertThat(store.createUser(new NewUser("alice", "other-hash", true, T0.plusSeconds(60)))).isEmpty();

        assertThat(store.users()).containsExactly(alice);
        assertThat(store.userByName("alice").orElseThrow().passwordHash()).isEqualTo("hash-of-alice");
        // the failed attempt did not leave a transaction or lock behind
        assertThat(createUser("bob", false).username()).isEqualTo("bob");
    }

    @Test
    void recordsAndClearsTheSignInState() throws Exception {
        UserRecord alice = createUser("alice", false);
        UserRecord bob = createUser("bob", false);
        Instant lockedUntil = T0.plusSeconds(900).plusMillis(123);

        store.setSignInState(alice.id(), 2, Optional.empty());
        assertThat(store.user(alice.id()).orElseThrow().failedSignIns()).isEqualTo(2);
        assertThat(store.user(alice.id()).orElseThrow().lockedUntil()).isEmpty();

        store.setSignInState(alice.id(), 5, Optional.of(lockedUntil));
        store.close();
        store = reopen();
        UserRecord locked = store.userByName("alice").orElseThrow();
        assertThat(locked.failedSignIns()).isEqualTo(5);
        assertThat(locked.lockedUntil()).contains(lockedUntil);
        assertThat(locked.passwordHash()).isEqualTo("hash-of-alice");
        assertThat(store.user(bob.id())).contains(bob);

        store.setSignInState(alice.id(), 0, Optional.empty());
        UserRecord cleared = store.user(alice.id()).orElseThrow();
        assertThat(cleared.failedSignIns()).isZero();
        assertThat(cleared.lockedUntil()).isEmpty();
        assertThat(cleared).isEqualTo(alice);

        store.setSignInState(987_654, 1, Optional.of(lockedUntil));
        assertThat(store.users()).containsExactly(cleared, bob);
    }

    @Test
    void addsAndRemovesMembershipsIdempotently() throws Exception {
        long billing = createProject("billing").id();
        long search = createProject("search").id();
        UserRecord alice = createUser("alice", false);
        UserRecord bob = createUser("bob", false);
        assertThat(store.memberProjects(alice.id())).isEmpty();

        store.setMember(alice.id(), search, true);
        store.setMember(alice.id(), project, true);
        store.setMember(alice.id(), project, true);
        store.setMember(bob.id(), billing, true);
        assertThat(store.memberProjects(alice.id())).containsExactlyInAnyOrder(project, search);
        assertThat(store.memberProjects(bob.id())).containsExactly(billing);

        store.setMember(alice.id(), search, false);
        store.setMember(alice.id(), search, false);
        store.setMember(alice.id(), billing, false);
        assertThat(store.memberProjects(alice.id())).containsExactly(project);
        assertThat(store.memberProjects(bob.id())).containsExactly(billing);

        store.close();
        store = reopen();
        assertThat(store.memberProjects(alice.id())).containsExactly(project);
        assertThat(store.memberProjects(bob.id())).containsExactly(billing);
        assertThat(store.memberProjects(987_654)).isEmpty();

        assertThatThrownBy(() -> store.setMember(alice.id(), 987_654, true))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(store.memberProjects(alice.id())).containsExactly(project);
    }

    @Test
    void deletingAUserDeletesTheirMembershipsAndSessions() throws Exception {
        long billing = createProject("billing").id();
        UserRecord alice = createUser("alice", false);
        UserRecord bob = createUser("bob", false);
        store.setMember(alice.id(), project, true);
        store.setMember(alice.id(), billing, true);
        store.setMember(bob.id(), project, true);
        store.createSession(session("alice-1", alice.id(), T0.plusSeconds(3600)));
        store.createSession(session("alice-2", alice.id(), T0.plusSeconds(7200)));
        store.createSession(session("bob-1", bob.id(), T0.plusSeconds(3600)));

        assertThat(store.deleteUser(alice.id())).isTrue();

        assertThat(store.user(alice.id())).isEmpty();
        assertThat(store.userByName("alice")).isEmpty();
        assertThat(store.memberProjects(alice.id())).isEmpty();
        assertThat(store.session("alice-1")).isEmpty();
        assertThat(store.session("alice-2")).isEmpty();
        assertThat(store.users()).containsExactly(bob);
        assertThat(store.memberProjects(bob.id())).containsExactly(project);
        assertThat(store.session("bob-1")).contains(session("bob-1", bob.id(), T0.plusSeconds(3600)));
        assertThat(store.deleteUser(alice.id())).isFalse();
        assertThat(store.deleteUser(987_654)).isFalse();

        // the name is free again, for a new user that inherits nothing
        UserRecord again = createUser("alice", false);
        assertThat(again.id()).isNotEqualTo(alice.id());
        assertThat(store.memberProjects(again.id())).isEmpty();
    }

    @Test
    void createsReadsAndDeletesSessions() throws Exception {
        UserRecord alice = createUser("alice", false);
        SessionRecord first = new SessionRecord("token-hash-1", alice.id(), "csrf-1", T0.plusMillis(17),
                T0.plusSeconds(43_200).plusMillis(17));
        SessionRecord second = session("token-hash-2", alice.id(), T0.plusSeconds(60));
        store.createSession(first);
        store.createSession(second);

        assertThat(store.session("token-hash-1")).contains(first);
        assertThat(store.session("token-hash-2")).contains(second);
        assertThat(store.session("TOKEN-HASH-1")).isEmpty();
        assertThat(store.session("nope")).isEmpty();

        store.close();
        store = reopen();
        assertThat(store.session("token-hash-1")).contains(first);

        store.deleteSession("token-hash-1");
        store.deleteSession("token-hash-1");
        store.deleteSession("nope");
        assertThat(store.session("token-hash-1")).isEmpty();
        assertThat(store.session("token-hash-2")).contains(second);

        assertThatThrownBy(() -> store.createSession(session("token-hash-2", alice.id(), T0.plusSeconds(120))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThatThrownBy(() -> store.createSession(session("orphan", 987_654, T0.plusSeconds(60))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(store.session("token-hash-2")).contains(second);
        assertThat(store.session("orphan")).isEmpty();
    }

    // ---- alerting: signals and cursors

    @Test
    void applyWritesASignalPerNewAndRegressedIssueAndNoneWhenRedelivered() throws Exception {
        long other = createProject("billing").id();
        Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
        LaneBatch first = batch(1, event(project, "e1").fingerprint("a").build(),
                event(other, "e2").fingerprint("b").build(), event(project, "e3").fingerprint("a").build());
        BatchOutcome created = store.apply(first);
        Instant after = Instant.ofEpochMilli(System.currentTimeMillis());
        long a = issueId("a");
        long b = created.newIssues().stream().filter(id -> id != a).findFirst().orElseThrow();

        List<AlertSignal> signals = store.signalsAfter(0, 10);
        assertThat(signals).extracting(AlertSignal::projectId, AlertSignal::issueId, AlertSignal::kind)
                .containsExactly(tuple(project, a, AlertSignal.NEW_ISSUE), tuple(other, b, AlertSignal.NEW_ISSUE));
        assertThat(signals.get(0).id()).isPositive().isLessThan(signals.get(1).id());
        // stamped with the batch's commit time, not the events' receive time
        assertThat(signals).allSatisfy(signal -> assertThat(signal.at()).isBetween(before, after));

        store.apply(first);
        store.apply(batch(2, event(project, "e4").fingerprint("a").at(T0.plusSeconds(10)).build()));
        assertThat(store.signalsAfter(0, 10)).isEqualTo(signals);

        store.setIssueStatus(a, IssueStatus.RESOLVED, T0.plusSeconds(60));
        store.setIssueStatus(b, IssueStatus.RESOLVED, T0.plusSeconds(60));
        LaneBatch regressing = batch(3, event(project, "e5").fingerprint("a").at(T0.plusSeconds(120)).build(),
                event(other, "e6").fingerprint("b").at(T0.plusSeconds(30)).build(),
                event(project, "e7").fingerprint("c").at(T0.plusSeconds(120)).build());
        BatchOutcome outcome = store.apply(regressing);
        long c = issueId("c");
        assertThat(outcome.regressedIssues()).containsExactly(a);

        List<AlertSignal> next = store.signalsAfter(signals.get(1).id(), 10);
        assertThat(next).extracting(AlertSignal::projectId, AlertSignal::issueId, AlertSignal::kind)
                .containsExactly(tuple(project, a, AlertSignal.REGRESSION), tuple(project, c, AlertSignal.NEW_ISSUE));

        store.apply(regressing);
        store.close();
        store = reopen();
        assertThat(store.signalsAfter(0, 10)).hasSize(4).endsWith(next.toArray(AlertSignal[]::new));
    }

    @Test
    void pagesThroughSignalsAndKeepsNamedCursors() throws Exception {
        List<EventWrite> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(project, "e" + i).fingerprint("fp" + i).build());
        }
        List<Long> issues = store.apply(batch(1, events)).newIssues();

        List<Long> walked = new ArrayList<>();
        long cursor = store.alertCursor("signals");
        assertThat(cursor).isZero();
        int pages = 0;
        for (List<AlertSignal> page = store.signalsAfter(cursor, 2); !page.isEmpty();
                page = store.signalsAfter(cursor, 2)) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach(signal -> walked.add(signal.issueId()));
            cursor = page.get(page.size() - 1).id();
            store.setAlertCursor("signals", cursor);
            pages++;
        }
        assertThat(walked).isEqualTo(issues);
        assertThat(pages).isEqualTo(3);

        store.setAlertCursor("frequency", 17);
        store.setAlertCursor("frequency", 12);
        store.close();
        store = reopen();
        assertThat(store.alertCursor("signals")).isEqualTo(cursor);
        assertThat(store.alertCursor("frequency")).isEqualTo(12);
        assertThat(store.alertCursor("other")).isZero();
        assertThat(store.signalsAfter(cursor, 10)).isEmpty();
        assertThatThrownBy(() -> store.signalsAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsEventsSinceAnInstant() throws Exception {
        long other = createProject("billing").id();
        store.apply(batch(1, event(project, "e1").fingerprint("a").at(T0).environment("prod").build(),
                event(project, "e2").fingerprint("a").at(T0.plusSeconds(60)).environment("prod").build(),
                event(project, "e3").fingerprint("a").at(T0.plusSeconds(120)).environment("staging").build(),
                event(project, "e4").fingerprint("b").at(T0.plusSeconds(60)).build(),
                event(project, "e5").fingerprint("b").at(T0.minusSeconds(1)).environment("prod").build(),
                event(other, "e6").fingerprint("a").at(T0.plusSeconds(60)).environment("prod").build()));
        long a = issueId("a");
        long b = issueId("b");

        assertThat(store.countEvents(project, Optional.empty(), Optional.empty(), T0)).isEqualTo(4);
        assertThat(store.countEvents(project, Optional.empty(), Optional.empty(), T0.minusSeconds(1))).isEqualTo(5);
        assertThat(store.countEvents(project, Optional.empty(), Optional.empty(), T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.countEvents(project, Optional.of(a), Optional.empty(), T0)).isEqualTo(3);
        assertThat(store.countEvents(project, Optional.of(b), Optional.empty(), T0)).isEqualTo(1);
        assertThat(store.countEvents(project, Optional.empty(), Optional.of("prod"), T0)).isEqualTo(2);
        assertThat(store.countEvents(project, Optional.of(a), Optional.of("staging"), T0)).isEqualTo(1);
        assertThat(store.countEvents(project, Optional.of(b), Optional.of("prod"), T0)).isZero();
        assertThat(store.countEvents(other, Optional.empty(), Optional.of("prod"), T0)).isEqualTo(1);
        assertThat(store.countEvents(project, Optional.empty(), Optional.empty(), T0.plusSeconds(3600))).isZero();
    }

    // ---- alerting: rules and channels

    ChannelRecord createChannel(String name) throws StoreException {
        return store.createChannel(new NewChannel(name, "webhook", "https://hooks.example/" + name, "secret-" + name,
                T0.plusMillis(7)));
    }

    @Test
    void createsListsAndDeletesRulesAndChannels() throws Exception {
        long other = createProject("billing").id();
        ChannelRecord ops = createChannel("ops");
        ChannelRecord slack = store.createChannel(
                new NewChannel("team", "slack", "https://hooks.slack.example/T1", "", T0.plusSeconds(1)));
        assertThat(ops.id()).isNotEqualTo(slack.id());
        assertThat(ops).isEqualTo(new ChannelRecord(ops.id(), "ops", "webhook", "https://hooks.example/ops",
                "secret-ops", T0.plusMillis(7)));

        AlertRuleRecord frequency = store.createAlertRule(new NewAlertRule(project, "too many", "frequency", 100, 5,
                true, Optional.of("error"), Optional.of("prod"), Optional.of("1.2"), List.of(slack.id(), ops.id()),
                T0.plusMillis(3)));
        AlertRuleRecord fresh = store.createAlertRule(new NewAlertRule(other, "new", "new_issue", 0, 0, false,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), T0));
        AlertRuleRecord regression = store.createAlertRule(new NewAlertRule(project, "back", "regression", 0, 0,
                false, Optional.empty(), Optional.of("staging"), Optional.empty(), List.of(ops.id()), T0));

        assertThat(frequency).isEqualTo(new AlertRuleRecord(frequency.id(), project, "too many", "frequency", 100, 5,
                true, Optional.of("error"), Optional.of("prod"), Optional.of("1.2"), List.of(slack.id(), ops.id()),
                true, T0.plusMillis(3)));
        assertThat(fresh.channelIds()).isEmpty();
        assertThat(fresh.perIssue()).isFalse();
        assertThat(fresh.level()).isEmpty();
        assertThat(store.alertRules(Optional.of(project))).containsExactly(frequency, regression);
        assertThat(store.alertRules(Optional.of(other))).containsExactly(fresh);
        assertThat(store.alertRules(Optional.empty())).containsExactly(frequency, fresh, regression);
        assertThat(store.channels()).containsExactly(ops, slack);

        store.close();
        store = reopen();
        assertThat(store.alertRules(Optional.empty())).containsExactly(frequency, fresh, regression);
        assertThat(store.channels()).containsExactly(ops, slack);

        assertThat(store.deleteAlertRule(fresh.id())).isTrue();
        assertThat(store.deleteAlertRule(fresh.id())).isFalse();
        assertThat(store.alertRules(Optional.empty())).containsExactly(frequency, regression);
        assertThat(store.alertRules(Optional.of(other))).isEmpty();

        // a deleted channel is taken out of the rules that notified it
        assertThat(store.deleteChannel(ops.id())).isTrue();
        assertThat(store.deleteChannel(ops.id())).isFalse();
        assertThat(store.channels()).containsExactly(slack);
        assertThat(store.alertRules(Optional.of(project))).extracting(AlertRuleRecord::channelIds)
                .containsExactly(List.of(slack.id()), List.of());
    }

    // ---- alerting: alerts, history and the outbox

    static AlertRecord firing(String dedupKey, Optional<Long> projectId, List<Long> channelIds, Instant at) {
        return new AlertRecord(0, dedupKey, projectId, projectId.map(id -> 7L), "Spool disk 91% full",
                "lane events: 91% of 10 GB", AlertRecord.FIRING, 0, channelIds, at, Optional.empty(),
                Optional.empty(), Optional.empty(), at);
    }

    static AlertChange change(AlertRecord alert, String kind, Instant at, NewDelivery... deliveries) {
        return new AlertChange(alert, kind, kind + " at " + at, at, List.of(deliveries));
    }

    static NewDelivery delivery(long channelId, String kind) {
        return new NewDelivery(channelId, kind, "{\"kind\":\"" + kind + "\",\"channel\":" + channelId + "}");
    }

    @Test
    void walksAnAlertThroughItsLife() throws Exception {
        long channel = createChannel("ops").id();
        AlertRecord draft = firing("disk:spool", Optional.empty(), List.of(channel), T0);

        AlertRecord fired = store.applyAlertChange(change(draft, "fired", T0, delivery(channel, "fired")));
        assertThat(fired.id()).isPositive();
        assertThat(fired).isEqualTo(new AlertRecord(fired.id(), "disk:spool", Optional.empty(), Optional.empty(),
                "Spool disk 91% full", "lane events: 91% of 10 GB", "firing", 0, List.of(channel), T0,
                Optional.empty(), Optional.empty(), Optional.empty(), T0));
        assertThat(store.openAlert("disk:spool")).contains(fired);
        assertThat(store.alert(fired.id())).contains(fired);

        AlertRecord acknowledged = new AlertRecord(fired.id(), fired.dedupKey(), fired.projectId(), fired.ruleId(),
                fired.title(), fired.details(), AlertRecord.ACKNOWLEDGED, 1, fired.channelIds(), fired.openedAt(),
                Optional.of(T0.plusSeconds(60)), Optional.of(T0.plusSeconds(3660)), Optional.empty(),
                T0.plusSeconds(30));
        assertThat(store.applyAlertChange(change(acknowledged, "acknowledged", T0.plusSeconds(60))))
                .isEqualTo(acknowledged);
        assertThat(store.openAlert("disk:spool")).contains(acknowledged);

        AlertRecord resolved = new AlertRecord(fired.id(), fired.dedupKey(), fired.projectId(), fired.ruleId(),
                fired.title(), fired.details(), AlertRecord.RESOLVED, 1, fired.channelIds(), fired.openedAt(),
                acknowledged.acknowledgedAt(), acknowledged.snoozeUntil(), Optional.of(T0.plusSeconds(120)),
                T0.plusSeconds(120));
        assertThat(store.applyAlertChange(change(resolved, "resolved", T0.plusSeconds(120),
                delivery(channel, "resolved")))).isEqualTo(resolved);
        assertThat(store.openAlert("disk:spool")).isEmpty();

        // the condition comes back: a new alert, with the same key
        AlertRecord again = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(channel),
                T0.plusSeconds(300)), "fired", T0.plusSeconds(300)));
        assertThat(again.id()).isNotEqualTo(fired.id());
        assertThat(store.openAlert("disk:spool")).contains(again);

        AlertRecord ofRule = store.applyAlertChange(change(firing("rule:7:issue:42", Optional.of(project),
                List.of(), T0.plusSeconds(200)), "fired", T0.plusSeconds(200)));
        assertThat(ofRule.projectId()).contains(project);
        assertThat(ofRule.ruleId()).contains(7L);

        assertThat(store.alertHistory(fired.id()))
                .extracting(AlertHistoryEntry::alertId, AlertHistoryEntry::kind, AlertHistoryEntry::at,
                        AlertHistoryEntry::message)
                .containsExactly(tuple(fired.id(), "fired", T0, "fired at " + T0),
                        tuple(fired.id(), "acknowledged", T0.plusSeconds(60), "acknowledged at " + T0.plusSeconds(60)),
                        tuple(fired.id(), "resolved", T0.plusSeconds(120), "resolved at " + T0.plusSeconds(120)));
        assertThat(store.alertHistory(again.id())).extracting(AlertHistoryEntry::kind).containsExactly("fired");
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::kind).containsExactly("fired", "resolved");
        assertThat(store.deliveries(again.id())).isEmpty();

        assertThat(store.alerts(Optional.empty(), 10)).containsExactly(again, ofRule, resolved);
        assertThat(store.alerts(Optional.empty(), 2)).containsExactly(again, ofRule);
        assertThat(store.alerts(Optional.of(AlertRecord.FIRING), 10)).containsExactly(again, ofRule);
        assertThat(store.alerts(Optional.of(AlertRecord.RESOLVED), 10)).containsExactly(resolved);
        assertThat(store.alerts(Optional.of(AlertRecord.ACKNOWLEDGED), 10)).isEmpty();

        store.close();
        store = reopen();
        assertThat(store.alert(fired.id())).contains(resolved);
        assertThat(store.openAlert("disk:spool")).contains(again);
        assertThat(store.alertHistory(fired.id())).hasSize(3);
        assertThat(store.alert(987_654)).isEmpty();
    }

    @Test
    void refusesASecondUnresolvedAlertWithTheSameKeyLeavingNothingBehind() throws Exception {
        long channel = createChannel("ops").id();
        AlertRecord first = store.applyAlertChange(
                change(firing("disk:spool", Optional.empty(), List.of(channel), T0), "fired", T0));

        assertThatThrownBy(() -> store.applyAlertChange(change(firing("disk:spool", Optional.empty(),
                        List.of(channel), T0.plusSeconds(5)), "fired", T0.plusSeconds(5), delivery(channel, "fired"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());
        AlertRecord missing = new AlertRecord(987_654, "other", Optional.empty(), Optional.empty(), "t", "d",
                AlertRecord.FIRING, 0, List.of(), T0, Optional.empty(), Optional.empty(), Optional.empty(), T0);
        assertThatThrownBy(() -> store.applyAlertChange(change(missing, "renotified", T0, delivery(channel, "x"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());

        assertThat(store.alerts(Optional.empty(), 10)).containsExactly(first);
        assertThat(store.alertHistory(first.id())).hasSize(1);
        assertThat(store.dueDeliveries(T0.plusSeconds(10), 10)).isEmpty();
        assertThat(store.openAlert("disk:spool")).contains(first);
    }

    @Test
    void deliversDueNotificationsRetriesAndGivesUp() throws Exception {
        long ops = createChannel("ops").id();
        long team = createChannel("team").id();
        long mail = createChannel("mail").id();
        AlertRecord alert = store.applyAlertChange(change(firing("disk:spool", Optional.empty(),
                List.of(ops, team, mail), T0), "fired", T0, delivery(ops, "fired"), delivery(team, "fired"),
                delivery(mail, "fired")));
        List<DeliveryRecord> queued = store.deliveries(alert.id());
        assertThat(queued).extracting(DeliveryRecord::channelId).containsExactly(ops, team, mail);
        DeliveryRecord first = queued.get(0);
        assertThat(first).isEqualTo(new DeliveryRecord(first.id(), alert.id(), ops, "fired",
                "{\"kind\":\"fired\",\"channel\":" + ops + "}", DeliveryRecord.PENDING, 0, T0, Optional.empty(), T0,
                Optional.empty()));
        long toOps = queued.get(0).id();
        long toTeam = queued.get(1).id();
        long toMail = queued.get(2).id();

        assertThat(store.dueDeliveries(T0.minusMillis(1), 10)).isEmpty();
        assertThat(store.dueDeliveries(T0, 10)).isEqualTo(queued);
        assertThat(store.dueDeliveries(T0, 2)).extracting(DeliveryRecord::id).containsExactly(toOps, toTeam);

        store.deliverySucceeded(toOps, "outbox-test", 1, T0.plusSeconds(1));
        store.deliveryFailed(toTeam, "outbox-test", 1, "HTTP 503", Optional.of(T0.plusSeconds(60)), T0.plusSeconds(1));
        assertThat(store.dueDeliveries(T0.plusSeconds(30), 10)).extracting(DeliveryRecord::id).containsExactly(toMail);
        assertThat(store.dueDeliveries(T0.plusSeconds(60), 10)).extracting(DeliveryRecord::id)
                .containsExactly(toMail, toTeam);

        store.deliveryFailed(toTeam, "outbox-test", 2, "connection refused", Optional.empty(), T0.plusSeconds(70));
        // neither changes a delivery that was given up
        store.deliverySucceeded(toTeam, "outbox-test", 3, T0.plusSeconds(80));
        store.deliveryFailed(toTeam, "outbox-test", 3, "again", Optional.empty(), T0.plusSeconds(80));
        store.deliveryFailed(987_654, "outbox-test", 1, "unknown", Optional.empty(), T0.plusSeconds(80));

        store.close();
        store = reopen();
        List<DeliveryRecord> after = store.deliveries(alert.id());
        assertThat(after.get(0)).isEqualTo(new DeliveryRecord(toOps, alert.id(), ops, "fired", first.payload(),
                DeliveryRecord.DELIVERED, 1, T0, Optional.empty(), T0, Optional.of(T0.plusSeconds(1))));
        assertThat(after.get(1)).isEqualTo(new DeliveryRecord(toTeam, alert.id(), team, "fired",
                queued.get(1).payload(), DeliveryRecord.FAILED, 2, T0.plusSeconds(60),
                Optional.of("connection refused"), T0, Optional.empty()));
        assertThat(after.get(2)).isEqualTo(queued.get(2));
        assertThat(store.dueDeliveries(T0.plusSeconds(3600), 10)).extracting(DeliveryRecord::id)
                .containsExactly(toMail);

        assertThat(store.alertHistory(alert.id()))
                .extracting(AlertHistoryEntry::kind, AlertHistoryEntry::at)
                .containsExactly(tuple("fired", T0),
                        tuple(AlertHistoryEntry.DELIVERY_FAILED, T0.plusSeconds(70)));
        assertThat(store.alertHistory(alert.id()).get(1).message())
                .contains("connection refused").contains("channel " + team).contains("2 attempts");
        assertThat(store.failedDeliveriesSince(T0)).isEqualTo(1);
        assertThat(store.failedDeliveriesSince(T0.plusSeconds(70))).isEqualTo(1);
        assertThat(store.failedDeliveriesSince(T0.plusSeconds(71))).isZero();
    }

    @Test
    void deletingAChannelCancelsItsPendingDeliveriesAndKeepsThem() throws Exception {
        long ops = createChannel("ops").id();
        long team = createChannel("team").id();
        AlertRecord open = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(ops, team),
                T0), "fired", T0, delivery(ops, "fired"), delivery(team, "fired"), delivery(ops, "renotified")));
        List<DeliveryRecord> queued = store.deliveries(open.id());
        store.deliverySucceeded(queued.get(0).id(), "outbox-test", 1, T0.plusSeconds(1));

        assertThat(store.deleteChannel(ops)).isTrue();

        assertThat(store.deliveries(open.id())).extracting(DeliveryRecord::channelId, DeliveryRecord::state)
                .containsExactly(tuple(ops, DeliveryRecord.DELIVERED), tuple(team, DeliveryRecord.PENDING),
                        tuple(ops, DeliveryRecord.CANCELLED));
        assertThat(store.deliveries(open.id()).get(2).lastError()).contains("cancelled: the channel was deleted");
        assertThat(store.dueDeliveries(T0.plusSeconds(10), 10)).extracting(DeliveryRecord::channelId)
                .containsExactly(team);
        // a cancelled delivery is never sent: a late result of an attempt does not revive it
        store.deliveryFailed(queued.get(2).id(), "outbox-test", 1, "HTTP 503", Optional.of(T0.plusSeconds(5)), T0.plusSeconds(2));
        assertThat(store.deliveries(open.id()).get(2).state()).isEqualTo(DeliveryRecord.CANCELLED);
        assertThat(store.openAlert("disk:spool").orElseThrow().channelIds()).containsExactly(team);
        assertThat(store.channels()).extracting(ChannelRecord::id).containsExactly(team);
        assertThat(store.deleteChannel(987_654)).isFalse();
    }

    @Test
    void disablesAndEnablesRulesAndChannels() throws Exception {
        ChannelRecord ops = createChannel("ops");
        ChannelRecord team = createChannel("team");
        assertThat(ops.enabled()).isTrue();
        AlertRuleRecord rule = store.createAlertRule(new NewAlertRule(project, "new", "new_issue", 0, 0, false,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(ops.id()), T0));
        AlertRecord open = store.applyAlertChange(change(firing("disk:spool", Optional.empty(),
                List.of(ops.id(), team.id()), T0), "fired", T0, delivery(ops.id(), "fired"),
                delivery(team.id(), "fired")));

        AlertRuleRecord disabledRule = store.setAlertRuleEnabled(rule.id(), false).orElseThrow();
        assertThat(disabledRule.enabled()).isFalse();
        assertThat(disabledRule).usingRecursiveComparison().ignoringFields("enabled").isEqualTo(rule);
        assertThat(store.alertRules(Optional.of(project))).containsExactly(disabledRule);
        assertThat(store.setAlertRuleEnabled(rule.id(), true).orElseThrow()).isEqualTo(rule);
        assertThat(store.setAlertRuleEnabled(987_654, false)).isEmpty();

        ChannelRecord disabled = store.setChannelEnabled(ops.id(), false).orElseThrow();
        assertThat(disabled).isEqualTo(new ChannelRecord(ops.id(), ops.name(), ops.kind(), ops.target(), ops.secret(),
                ops.createdAt(), false));
        // disabling stops what was queued for it: cancelled, kept, and no longer due
        assertThat(store.deliveries(open.id())).extracting(DeliveryRecord::channelId, DeliveryRecord::state)
                .containsExactly(tuple(ops.id(), DeliveryRecord.CANCELLED), tuple(team.id(), DeliveryRecord.PENDING));
        assertThat(store.dueDeliveries(T0.plusSeconds(1), 10)).extracting(DeliveryRecord::channelId)
                .containsExactly(team.id());
        assertThat(store.channels()).containsExactly(disabled, team);

        store.close();
        store = reopen();
        assertThat(store.channels()).containsExactly(disabled, team);
        assertThat(store.setChannelEnabled(ops.id(), true).orElseThrow()).isEqualTo(ops);
        // enabling again does not bring cancelled deliveries back
        assertThat(store.deliveries(open.id()).get(0).state()).isEqualTo(DeliveryRecord.CANCELLED);
        assertThat(store.setChannelEnabled(987_654, true)).isEmpty();
    }

    @Test
    void findsOpenAlertsWhoseLastNotificationReachedNoChannel() throws Exception {
        long ops = createChannel("ops").id();
        AlertRecord silent = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(), T0),
                "fired", T0));
        AlertRecord notified = store.applyAlertChange(change(firing("disk:store", Optional.empty(), List.of(ops),
                T0.plusSeconds(1)), "fired", T0.plusSeconds(1), delivery(ops, "fired")));
        AlertRecord cancelled = store.applyAlertChange(change(firing("lane:events", Optional.empty(), List.of(ops),
                T0.plusSeconds(2)), "fired", T0.plusSeconds(2), delivery(ops, "fired")));
        AlertRecord resolvedSilently = store.applyAlertChange(change(firing("lane:deploys", Optional.empty(),
                List.of(), T0.plusSeconds(3)), "fired", T0.plusSeconds(3)));
        store.applyAlertChange(change(resolved(resolvedSilently, T0.plusSeconds(4)), "resolved", T0.plusSeconds(4)));
        assertThat(store.unnotifiedAlerts(10)).containsExactly(silent);

        // a later change that notified no channel: its deliveries before do not count
        store.deliverySucceeded(store.deliveries(notified.id()).get(0).id(), "outbox-test", 1, T0.plusSeconds(5));
        AlertRecord escalated = store.applyAlertChange(change(renotified(notified, T0.plusSeconds(6)), "escalated",
                T0.plusSeconds(6)));
        assertThat(store.unnotifiedAlerts(10)).containsExactly(silent, escalated);

        // a delivery cancelled with its channel reached nobody
        store.setChannelEnabled(ops, false);
        assertThat(store.unnotifiedAlerts(10)).containsExactly(silent, escalated, cancelled);
        assertThat(store.unnotifiedAlerts(1)).containsExactly(silent);

        store.addAlertHistory(silent.id(), T0.plusSeconds(7), AlertHistoryEntry.NO_CHANNEL, "no channel to notify");
        assertThat(store.alertHistory(silent.id())).extracting(AlertHistoryEntry::kind, AlertHistoryEntry::message)
                .containsExactly(tuple("fired", "fired at " + T0), tuple("no_channel", "no channel to notify"));
    }

    static AlertRecord resolved(AlertRecord alert, Instant at) {
        return new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(), alert.title(),
                alert.details(), AlertRecord.RESOLVED, alert.step(), alert.channelIds(), alert.openedAt(),
                alert.acknowledgedAt(), Optional.empty(), Optional.of(at), at);
    }

    static AlertRecord renotified(AlertRecord alert, Instant at) {
        return new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(), alert.title(),
                alert.details(), AlertRecord.FIRING, alert.step() + 1, alert.channelIds(), alert.openedAt(),
                Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    @Test
    void leasesDueDeliveriesToOneClaimerAtATime() throws Exception {
        long ops = createChannel("ops").id();
        AlertRecord alert = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(ops), T0),
                "fired", T0, delivery(ops, "fired"), delivery(ops, "renotified"), delivery(ops, "resolved")));
        List<Long> ids = store.deliveries(alert.id()).stream().map(DeliveryRecord::id).toList();
        Instant now = T0.plusSeconds(1);
        Instant until = now.plusSeconds(30);

        assertThat(store.claimDeliveries(ids.subList(0, 2), "a", now, until)).extracting(DeliveryRecord::id)
                .containsExactly(ids.get(0), ids.get(1));
        // held: neither due for others nor claimable by them, until the lease runs out
        assertThat(store.dueDeliveries(now, 10)).extracting(DeliveryRecord::id).containsExactly(ids.get(2));
        assertThat(store.claimDeliveries(ids, "b", now, until)).extracting(DeliveryRecord::id)
                .containsExactly(ids.get(2));
        assertThat(store.claimDeliveries(ids, "c", until.minusMillis(1), until.plusSeconds(30))).isEmpty();
        assertThat(store.claimDeliveries(List.of(), "c", now, until)).isEmpty();

        assertThat(store.extendClaim(ids.get(0), "a", until.plusSeconds(30))).isTrue();
        assertThat(store.extendClaim(ids.get(0), "b", until.plusSeconds(60))).isFalse();
        store.deliverySucceeded(ids.get(0), "a", 1, now.plusSeconds(1));
        assertThat(store.extendClaim(ids.get(0), "a", until.plusSeconds(30))).as("no longer pending").isFalse();

        // a dispatcher that died: its lease runs out and another may claim the delivery
        assertThat(store.claimDeliveries(ids, "c", until, until.plusSeconds(30))).extracting(DeliveryRecord::id)
                .containsExactly(ids.get(1), ids.get(2));
        assertThat(store.extendClaim(ids.get(1), "a", until.plusSeconds(60))).as("taken over").isFalse();

        store.releaseClaims(ids, "a");
        assertThat(store.dueDeliveries(until, 10)).isEmpty();
        store.releaseClaims(ids, "c");
        assertThat(store.dueDeliveries(until, 10)).extracting(DeliveryRecord::id).containsExactly(ids.get(1), ids.get(2));

        // recording a failed attempt ends the lease: due again at its retry time
        assertThat(store.claimDeliveries(List.of(ids.get(1)), "d", until, until.plusSeconds(30))).hasSize(1);
        store.deliveryFailed(ids.get(1), "d", 1, "HTTP 503", Optional.of(until.plusSeconds(2)), until);
        assertThat(store.claimDeliveries(List.of(ids.get(1)), "e", until.plusSeconds(1), until.plusSeconds(30)))
                .as("not due yet").isEmpty();
        assertThat(store.claimDeliveries(List.of(ids.get(1)), "e", until.plusSeconds(2), until.plusSeconds(30)))
                .hasSize(1);
    }

    @Test
    void onlyTheLeaseHolderRecordsADeliverysOutcome() throws Exception {
        long ops = createChannel("ops").id();
        AlertRecord alert = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(ops), T0),
                "fired", T0, delivery(ops, "fired"), delivery(ops, "renotified")));
        List<Long> ids = store.deliveries(alert.id()).stream().map(DeliveryRecord::id).toList();
        long taken = ids.get(0);
        long lapsed = ids.get(1);
        Instant now = T0.plusSeconds(1);
        Instant until = now.plusSeconds(30);
        assertThat(store.claimDeliveries(ids, "a", now, until)).hasSize(2);
        // a's lease runs out (a stalled dispatcher); b takes the first delivery over and is sending it
        assertThat(store.claimDeliveries(List.of(taken), "b", until, until.plusSeconds(30))).hasSize(1);

        assertThat(store.deliveryFailed(taken, "a", 1, "timed out", Optional.of(until.plusSeconds(5)),
                until.plusSeconds(1))).isFalse();
        assertThat(store.deliverySucceeded(taken, "a", 1, until.plusSeconds(1))).isFalse();
        assertThat(store.deliveries(alert.id()).get(0)).as("a's late word is ignored")
                .extracting(DeliveryRecord::state, DeliveryRecord::attempts).containsExactly("pending", 0);
        assertThat(store.claimDeliveries(List.of(taken), "c", until.plusSeconds(10), until.plusSeconds(40)))
                .as("still b's: no third dispatcher may send it").isEmpty();
        assertThat(store.extendClaim(taken, "b", until.plusSeconds(40))).isTrue();
        assertThat(store.deliverySucceeded(taken, "b", 1, until.plusSeconds(2))).isTrue();
        assertThat(store.deliveries(alert.id()).get(0).state()).isEqualTo("delivered");

        // a lease that ran out with no one taking over: the late outcome is still the truth and counts
        assertThat(store.deliverySucceeded(lapsed, "a", 1, until.plusSeconds(3))).isTrue();
        assertThat(store.deliveries(alert.id()).get(1).state()).isEqualTo("delivered");
    }

    @Test
    void prunesAlertingPastTheRetentionButNeverOpenAlertsOrPendingDeliveries() throws Exception {
        long ops = createChannel("ops").id();
        Instant before = T0.plus(Duration.ofDays(30));
        // an alert resolved long ago, with a delivered, a failed, a cancelled and a still pending delivery
        AlertRecord old = store.applyAlertChange(change(firing("disk:spool", Optional.empty(), List.of(ops), T0),
                "fired", T0, delivery(ops, "fired"), delivery(ops, "renotified"), delivery(ops, "escalated")));
        List<DeliveryRecord> oldDeliveries = store.deliveries(old.id());
        store.deliverySucceeded(oldDeliveries.get(0).id(), "outbox-test", 1, T0.plusSeconds(1));
        store.deliveryFailed(oldDeliveries.get(1).id(), "outbox-test", 3, "HTTP 500", Optional.empty(), T0.plusSeconds(2));
        store.setChannelEnabled(ops, false);
        store.setChannelEnabled(ops, true);
        store.applyAlertChange(change(resolved(old, T0.plusSeconds(10)), "resolved", T0.plusSeconds(10),
                delivery(ops, "resolved")));
        long pendingId = store.deliveries(old.id()).get(3).id();
        // an alert opened as long ago but still open, and one resolved inside the retention
        AlertRecord open = store.applyAlertChange(change(firing("disk:store", Optional.empty(), List.of(ops), T0),
                "fired", T0, delivery(ops, "fired")));
        store.deliverySucceeded(store.deliveries(open.id()).get(0).id(), "outbox-test", 1, T0.plusSeconds(1));
        AlertRecord recent = store.applyAlertChange(change(firing("lane:events", Optional.empty(), List.of(ops), T0),
                "fired", T0, delivery(ops, "fired")));
        store.deliverySucceeded(store.deliveries(recent.id()).get(0).id(), "outbox-test", 1, T0.plusSeconds(1));
        store.applyAlertChange(change(resolved(recent, before), "resolved", before));
        // incidents: one resolved long ago, one resolved inside the retention, one open
        IncidentRecord oldIncident = store.openIncident("spool", "Spool slow", "investigating", "looking", T0);
        store.addIncidentUpdate(oldIncident.id(), "resolved", "fixed", Optional.empty(), T0.plusSeconds(60));
        IncidentRecord recentIncident = store.openIncident("store", "Store slow", "investigating", "looking", T0);
        store.addIncidentUpdate(recentIncident.id(), "resolved", "fixed", Optional.empty(), before);
        IncidentRecord openIncident = store.openIncident("web", "Web slow", "investigating", "looking", T0);
        // signals: all from T0; the cursors have handled the first two
        store.apply(batch(1, event(project, "a").fingerprint("a").at(T0).build(),
                event(project, "b").fingerprint("b").at(T0).build(), event(project, "c").fingerprint("c").at(T0).build()));
        List<AlertSignal> signals = store.signalsAfter(0, 10);
        assertThat(signals).hasSize(3);
        store.setAlertCursor("rules", signals.get(2).id());
        store.setAlertCursor("other", signals.get(1).id());

        long deleted = store.pruneAlerting(before, 2);

        assertThat(store.signalsAfter(0, 10)).containsExactly(signals.get(2));
        assertThat(store.deliveries(old.id())).extracting(DeliveryRecord::id).containsExactly(pendingId);
        assertThat(store.alertHistory(old.id())).isEmpty();
        assertThat(store.alert(old.id())).isPresent();
        assertThat(store.deliveries(open.id())).hasSize(1);
        assertThat(store.alertHistory(open.id())).hasSize(1);
        assertThat(store.deliveries(recent.id())).hasSize(1);
        assertThat(store.alertHistory(recent.id())).hasSize(2);
        assertThat(store.incidents(10)).extracting(IncidentRecord::id)
                .containsExactlyInAnyOrder(recentIncident.id(), openIncident.id());
        // signals, the old alert's deliveries and history, the old incident's updates and itself
        assertThat(deleted).isEqualTo(2 + 3 + 3 + 2 + 1);

        assertThat(store.pruneAlerting(before, 2)).as("idempotent").isZero();
    }

    // ---- the status page

    @Test
    void keepsTheStateOfEachComponent() throws Exception {
        store.setComponentState(new ComponentState("ingest", "operational", T0));
        store.setComponentState(new ComponentState("alerting", "operational", T0));
        store.setComponentState(new ComponentState("ingest", "degraded", T0.plusSeconds(60)));

        store.close();
        store = reopen();
        assertThat(store.componentStates()).containsExactly(new ComponentState("alerting", "operational", T0),
                new ComponentState("ingest", "degraded", T0.plusSeconds(60)));
    }

    @Test
    void opensUpdatesAndResolvesIncidents() throws Exception {
        IncidentRecord opened = store.openIncident("ingest", "Ingest degraded", "investigating",
                "Events are accepted slowly", T0);
        assertThat(opened.id()).isPositive();
        assertThat(opened.component()).isEqualTo("ingest");
        assertThat(opened.title()).isEqualTo("Ingest degraded");
        assertThat(opened.status()).isEqualTo("investigating");
        assertThat(opened.openedAt()).isEqualTo(T0);
        assertThat(opened.resolvedAt()).isEmpty();
        assertThat(opened.updates()).extracting(IncidentRecord.Update::at, IncidentRecord.Update::status,
                        IncidentRecord.Update::message, IncidentRecord.Update::operator)
                .containsExactly(tuple(T0, "investigating", "Events are accepted slowly", Optional.empty()));
        assertThat(store.openIncident("ingest")).contains(opened);
        assertThat(store.openIncident("alerting")).isEmpty();
        // one unresolved incident per component
        assertThatThrownBy(() -> store.openIncident("ingest", "Again", "investigating", "again", T0.plusSeconds(1)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());

        IncidentRecord identified = store.addIncidentUpdate(opened.id(), "identified", "A full disk",
                Optional.of("alice"), T0.plusSeconds(60)).orElseThrow();
        assertThat(identified.status()).isEqualTo("identified");
        assertThat(identified.resolvedAt()).isEmpty();
        assertThat(identified.updates()).extracting(IncidentRecord.Update::status, IncidentRecord.Update::operator)
                .containsExactly(tuple("investigating", Optional.empty()), tuple("identified", Optional.of("alice")));

        IncidentRecord resolved = store.addIncidentUpdate(opened.id(), "resolved", "Back to normal",
                Optional.empty(), T0.plusSeconds(120)).orElseThrow();
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(120));
        assertThat(resolved.updates()).hasSize(3);
        assertThat(store.openIncident("ingest")).isEmpty();
        assertThat(store.addIncidentUpdate(987_654, "resolved", "x", Optional.empty(), T0)).isEmpty();

        IncidentRecord alerting = store.openIncident("alerting", "Alerting down", "investigating", "Looking",
                T0.plusSeconds(200));
        IncidentRecord reopened = store.openIncident("ingest", "Ingest degraded again", "investigating", "Slow",
                T0.plusSeconds(300));
        assertThat(store.openIncident("ingest")).contains(reopened);

        store.close();
        store = reopen();
        List<IncidentRecord> incidents = store.incidents(10);
        assertThat(incidents).containsExactly(reopened, alerting, resolved);
        assertThat(incidents.get(2).updates()).extracting(IncidentRecord.Update::at)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(store.incidents(2)).containsExactly(reopened, alerting);
        assertThat(store.openIncident("alerting")).contains(alerting);
    }

    // ---- housekeeping

    @Test
    void maintainDeletesEventsAndCountsPastRetention() throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        Instant old = now.minus(Duration.ofDays(100));
        Instant recent = now.minus(Duration.ofDays(1));
        store.apply(batch(1, event(project, "old").at(old).build(), event(project, "recent").at(recent).build()));
        long issue = onlyIssue().id();

        store.maintain(now);
        store.maintain(now);

        assertThat(store.event("old")).isEmpty();
        assertThat(store.event("recent")).isPresent();
        assertThat(store.eventsOfIssue(issue, Optional.empty(), 10).items()).extracting(EventSummary::eventId)
                .containsExactly("recent");
        assertThat(store.hourlyCounts(issue, Instant.EPOCH, now)).extracting(TimeCount::count).containsExactly(1L);
        assertThat(store.minuteCounts(issue, Instant.EPOCH, now)).extracting(TimeCount::count).containsExactly(1L);
        assertThat(onlyIssue().count()).isEqualTo(2);
    }

    @Test
    void maintainDeletesOnlyExpiredSessions() throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        UserRecord alice = createUser("alice", false);
        SessionRecord expired = session("expired", alice.id(), now.minusMillis(1));
        SessionRecord expiringNow = session("expiring-now", alice.id(), now);
        SessionRecord valid = session("valid", alice.id(), now.plusSeconds(3600));
        store.createSession(expired);
        store.createSession(expiringNow);
        store.createSession(valid);

        store.maintain(now);
        store.maintain(now);

        assertThat(store.session("expired")).isEmpty();
        assertThat(store.session("expiring-now")).contains(expiringNow);
        assertThat(store.session("valid")).contains(valid);
        assertThat(store.user(alice.id())).contains(alice);

        store.close();
        store = reopen();
        store.maintain(now.plusSeconds(1));
        assertThat(store.session("expiring-now")).isEmpty();
        assertThat(store.session("valid")).contains(valid);
    }

    // ---- helpers

    interface QueryChange {
        QueryBuilder apply(QueryBuilder builder);
    }

    static final class QueryBuilder {
        Optional<IssueStatus> status = Optional.empty();
        Optional<String> text = Optional.empty();
        Optional<String> environment = Optional.empty();
        Optional<String> release = Optional.empty();

        QueryBuilder status(IssueStatus value) {
            status = Optional.of(value);
            return this;
        }

        QueryBuilder text(String value) {
            text = Optional.of(value);
            return this;
        }

        QueryBuilder environment(String value) {
            environment = Optional.of(value);
            return this;
        }

        QueryBuilder release(String value) {
            release = Optional.of(value);
            return this;
        }
    }

    List<String> fingerprints(QueryChange change) throws StoreException {
        QueryBuilder q = change.apply(new QueryBuilder());
        return store.issues(new IssueQuery(project, q.status, IssueSort.LAST_SEEN, q.text, q.environment, q.release,
                        Optional.empty(), 100))
                .items().stream().map(IssueRecord::fingerprint).toList();
    }

    long issueId(String fingerprint) throws StoreException {
        return allIssues(IssueSort.LAST_SEEN).stream().filter(i -> i.fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow().id();
    }

    DeployWrite deploy(String key, String revision, Instant at) {
        return new DeployWrite(project, key, "production", revision, Optional.of("alice"), Optional.empty(),
                Optional.of("succeeded"), at);
    }

    static QuarantineWrite quarantined(long offset) {
        return new QuarantineWrite("events", offset, "1", "n1", offset, T0.toEpochMilli(), "sentry-envelope",
                "application/x-sentry-envelope", "gzip", "undecodable " + offset,
                ("{broken " + offset).getBytes(UTF_8));
    }

    /** Everything a batch can change, in comparable form. */
    record Snapshot(List<IssueRecord> issues, List<Object> perIssue, List<ReleaseRecord> releases,
            List<DeployRecord> deploys, List<String> quarantine, Optional<Object> checkpoint) {}

    Snapshot snapshot() throws StoreException {
        List<IssueRecord> issues = allIssues(IssueSort.LAST_SEEN);
        List<Object> perIssue = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        for (IssueRecord issue : issues) {
            perIssue.add(store.minuteCounts(issue.id(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
            perIssue.add(store.hourlyCounts(issue.id(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
            List<EventSummary> events = store.eventsOfIssue(issue.id(), Optional.empty(), 1000).items();
            perIssue.add(events);
            events.forEach(e -> eventIds.add(e.eventId()));
        }
        perIssue.add(eventIds);
        List<String> quarantine = store.quarantine("events", 1000).stream()
                .map(r -> r.id() + "/" + r.record().offset() + "/" + new String(r.record().body(), UTF_8))
                .toList();
        Optional<Object> checkpoint =
                store.checkpoint("events").map(c -> List.of(c.nextOffset(), c.nodes(), c.paused()));
        return new Snapshot(issues, perIssue, store.releases(project), store.deploys(project), quarantine, checkpoint);
    }

    @Test
    void theOldestPendingDeliveryCountsPutOffOnesAndNotSentOnes() throws Exception {
        assertThat(store.oldestPendingDelivery()).isEmpty();
        ChannelRecord channel = store.createChannel(new NewChannel("hook", "webhook", "http://127.0.0.1:9/", "s", T0));
        AlertRecord first = store.applyAlertChange(new AlertChange(
                new AlertRecord(0, "disk:spool", Optional.empty(), Optional.empty(), "disk", "90 %", AlertRecord.FIRING, 0,
                        List.of(channel.id()), T0, Optional.empty(), Optional.empty(), Optional.empty(), T0),
                "fired", "fired", T0, List.of(new NewDelivery(channel.id(), "fired", "{}"))));
        store.applyAlertChange(new AlertChange(
                new AlertRecord(0, "jvm:heap", Optional.empty(), Optional.empty(), "heap", "95 %", AlertRecord.FIRING, 0,
                        List.of(channel.id()), T0.plusSeconds(60), Optional.empty(), Optional.empty(), Optional.empty(),
                        T0.plusSeconds(60)),
                "fired", "fired", T0.plusSeconds(60), List.of(new NewDelivery(channel.id(), "fired", "{}"))));
        DeliveryRecord oldest = store.deliveries(first.id()).getFirst();

        assertThat(store.oldestPendingDelivery()).contains(T0);
        store.deliveryFailed(oldest.id(), "outbox-test", 1, "timed out", Optional.of(T0.plusSeconds(600)), T0.plusSeconds(5));
        assertThat(store.oldestPendingDelivery()).as("put off, still pending").contains(T0);
        store.deliverySucceeded(oldest.id(), "outbox-test", 2, T0.plusSeconds(700));
        assertThat(store.oldestPendingDelivery()).contains(T0.plusSeconds(60));
    }
}
