package dev.breakwater.store;

import static dev.breakwater.store.TestEvent.event;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            // three events per receive time
            events.add(event(project, String.format("%032x", i)).at(T0.plusSeconds(i / 3)).build());
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
}
