package dev.breakwater.alert;

import dev.breakwater.store.EventWrite;
import dev.breakwater.store.LaneBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link EventWrite}s and lane batches for alert tests (the minimum of the store's own test builder). */
final class TestEvents {
    private final long projectId;
    private final String eventId;
    private String fingerprint = "fp-default";
    private Instant receivedAt = AlertTesting.T0;
    private String level = "error";
    private Optional<String> release = Optional.empty();
    private Optional<String> environment = Optional.empty();

    private TestEvents(long projectId, String eventId) {
        this.projectId = projectId;
        this.eventId = eventId;
    }

    static TestEvents event(long projectId, String eventId) {
        return new TestEvents(projectId, eventId);
    }

    TestEvents fingerprint(String value) {
        fingerprint = value;
        return this;
    }

    TestEvents at(Instant value) {
        receivedAt = value;
        return this;
    }

    TestEvents level(String value) {
        level = value;
        return this;
    }

    TestEvents release(String value) {
        release = Optional.of(value);
        return this;
    }

    TestEvents environment(String value) {
        environment = Optional.of(value);
        return this;
    }

    EventWrite build() {
        return new EventWrite(projectId, eventId, fingerprint, 2, "ValueError: bad input in " + fingerprint,
                "app.views in " + fingerprint, "error", level, receivedAt.minusMillis(5), receivedAt,
                "message of " + eventId, release, environment, Optional.empty(),
                ("{\"event_id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8), "json");
    }

    static LaneBatch batch(long nextOffset, TestEvents... events) {
        return new LaneBatch("events", nextOffset, Map.of(),
                Arrays.stream(events).map(TestEvents::build).toList(), List.of(), List.of());
    }
}
