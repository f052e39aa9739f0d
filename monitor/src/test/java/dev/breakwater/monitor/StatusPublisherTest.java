package dev.breakwater.monitor;

import static dev.breakwater.monitor.ComponentStatus.DEGRADED;
import static dev.breakwater.monitor.ComponentStatus.MAJOR_OUTAGE;
import static dev.breakwater.monitor.ComponentStatus.OPERATIONAL;
import static dev.breakwater.monitor.ComponentStatus.PARTIAL_OUTAGE;
import static dev.breakwater.monitor.Samples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real SQLite store: component states and incidents as the status page will read them. */
class StatusPublisherTest {
    static final Component EVENTS = Component.processing("events");

    @TempDir
    Path dir;

    Store store;
    Instant now = NOW;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void firstSampleWritesEveryComponentOperationalWithoutIncidents() throws Exception {
        StatusPublisher publisher = new StatusPublisher(store, 2, 6);

        Instant first = sample(publisher, OPERATIONAL);

        assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Processing: events", "operational", "Web", "operational"));
        assertThat(store.componentStates()).allSatisfy(s -> assertThat(s.since()).isEqualTo(first));
        assertThat(store.incidents(10)).isEmpty();
        assertThat(publisher.published(EVENTS)).hasValue(OPERATIONAL);
    }

    @Test
    void incidentIsOpenedUpdatedAndResolvedAsTheComponentChanges() throws Exception {
        StatusPublisher publisher = new StatusPublisher(store, 2, 6);
        sample(publisher, OPERATIONAL);

        sample(publisher, PARTIAL_OUTAGE);
        assertThat(store.incidents(10)).as("a one-sample blip publishes nothing").isEmpty();
        assertThat(states()).containsEntry("Processing: events", "operational");

        Instant opened = sample(publisher, PARTIAL_OUTAGE);
        IncidentRecord incident = store.openIncident("Processing: events").orElseThrow();
        assertThat(incident.title()).isEqualTo("Processing: events partial outage");
        assertThat(incident.status()).isEqualTo("investigating");
        assertThat(incident.openedAt()).isEqualTo(opened);
        assertThat(incident.updates()).singleElement().satisfies(u -> {
            assertThat(u.message()).isEqualTo("events is partial outage at " + opened);
            assertThat(u.operator()).isEmpty();
        });
        assertThat(store.componentStates()).contains(new ComponentState("Processing: events", "partial_outage", opened));

        sample(publisher, MAJOR_OUTAGE);
        Instant worse = sample(publisher, MAJOR_OUTAGE);
        incident = store.openIncident("Processing: events").orElseThrow();
        assertThat(incident.updates()).hasSize(2);
        assertThat(incident.updates().getLast().status()).isEqualTo("investigating");
        assertThat(incident.updates().getLast().message()).startsWith("Now major outage. events is major outage at ");
        assertThat(incident.updates().getLast().at()).isEqualTo(worse);

        for (int i = 0; i < 6; i++) {
            sample(publisher, DEGRADED);
        }
        incident = store.openIncident("Processing: events").orElseThrow();
        assertThat(incident.updates()).extracting(IncidentRecord.Update::status)
                .containsExactly("investigating", "investigating", "monitoring");
        assertThat(states()).containsEntry("Processing: events", "degraded");

        Instant resolved = null;
        for (int i = 0; i < 6; i++) {
            resolved = sample(publisher, OPERATIONAL);
        }
        assertThat(store.openIncident("Processing: events")).isEmpty();
        IncidentRecord closed = store.incidents(10).getFirst();
        assertThat(closed.id()).isEqualTo(incident.id());
        assertThat(closed.status()).isEqualTo("resolved");
        assertThat(closed.resolvedAt()).hasValue(resolved);
        assertThat(closed.updates().getLast().message()).isEqualTo("Processing: events is operational again.");
        assertThat(store.componentStates()).contains(new ComponentState("Processing: events", "operational", resolved));
        assertThat(store.incidents(10)).as("Web stayed operational throughout").hasSize(1);
    }

    @Test
    void newPublisherOnTheSameStoreCarriesOn() throws Exception {
        StatusPublisher before = new StatusPublisher(store, 2, 6);
        sample(before, OPERATIONAL);
        sample(before, MAJOR_OUTAGE);
        sample(before, MAJOR_OUTAGE);
        long incidentId = store.openIncident("Processing: events").orElseThrow().id();

        StatusPublisher after = new StatusPublisher(store, 2, 6);
        sample(after, MAJOR_OUTAGE);
        assertThat(after.published(EVENTS)).hasValue(MAJOR_OUTAGE);
        assertThat(store.incidents(10)).as("no second incident after the restart").hasSize(1);
        assertThat(store.openIncident("Processing: events").orElseThrow().updates()).hasSize(1);

        for (int i = 0; i < 5; i++) {
            sample(after, OPERATIONAL);
        }
        assertThat(store.openIncident("Processing: events")).as("improving needs six samples").isPresent();
        sample(after, OPERATIONAL);
        assertThat(store.openIncident("Processing: events")).isEmpty();
        assertThat(store.incidents(10)).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(incidentId);
            assertThat(i.status()).isEqualTo("resolved");
        });
    }

    @Test
    void incidentResolvedByAnOperatorIsLeftAloneAndTheNextChangeOpensANewOne() throws Exception {
        StatusPublisher publisher = new StatusPublisher(store, 1, 1);
        sample(publisher, DEGRADED);
        IncidentRecord first = store.openIncident("Processing: events").orElseThrow();
        store.addIncidentUpdate(first.id(), "resolved", "Known, harmless.", Optional.of("ana"), now);

        sample(publisher, DEGRADED);
        assertThat(store.openIncident("Processing: events")).isEmpty();

        sample(publisher, MAJOR_OUTAGE);
        IncidentRecord second = store.openIncident("Processing: events").orElseThrow();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.title()).isEqualTo("Processing: events major outage");

        sample(publisher, OPERATIONAL);
        assertThat(store.openIncident("Processing: events")).isEmpty();
        assertThat(store.incidents(10)).hasSize(2);
    }

    @Test
    void storeOutageIsRetriedAtTheNextSample() throws Exception {
        StatusPublisher publisher = new StatusPublisher(store, 1, 1);
        sample(publisher, OPERATIONAL);
        store.close();

        sample(publisher, DEGRADED); // nothing reaches the store; logged, not thrown
        assertThat(publisher.published(EVENTS)).as("only what the store took counts as published").hasValue(OPERATIONAL);

        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        StatusPublisher restarted = new StatusPublisher(store, 1, 1);
        sample(restarted, DEGRADED);
        assertThat(restarted.published(EVENTS)).hasValue(DEGRADED);
        assertThat(store.openIncident("Processing: events")).isPresent();
    }

    /** One sample with the events lane at that status and Web operational; returns its time. */
    private Instant sample(StatusPublisher publisher, ComponentStatus events) {
        now = now.plusSeconds(5);
        publisher.observe(List.of(
                new Assessment(EVENTS, events, "events is " + events.label() + " at " + now),
                new Assessment(Component.WEB, OPERATIONAL, "Web is operational.")), now);
        return now;
    }

    private Map<String, String> states() throws Exception {
        return store.componentStates().stream()
                .collect(Collectors.toMap(ComponentState::component, ComponentState::status));
    }
}
