package dev.breakwater.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Builds {@link EventWrite}s for store tests with sensible defaults; every setter returns a changed copy. */
final class TestEvent {
    private final long projectId;
    private final String eventId;
    private String fingerprint = "fp-default";
    private Instant receivedAt = Instant.parse("2026-11-20T10:00:00Z");
    private String level = "error";
    private String title;
    private String culprit;
    private Optional<String> release = Optional.empty();
    private Optional<String> environment = Optional.empty();
    private Optional<String> user = Optional.empty();
    private byte[] document;

    private TestEvent(long projectId, String eventId) {
        this.projectId = projectId;
        this.eventId = eventId;
    }

    static TestEvent event(long projectId, String eventId) {
        return new TestEvent(projectId, eventId);
    }

    TestEvent fingerprint(String value) {
        fingerprint = value;
        return this;
    }

    TestEvent at(Instant value) {
        receivedAt = value;
        return this;
    }

    TestEvent level(String value) {
        level = value;
        return this;
    }

    TestEvent title(String value) {
        title = value;
        return this;
    }

    TestEvent culprit(String value) {
        culprit = value;
        return this;
    }

    TestEvent release(String value) {
        release = Optional.of(value);
        return this;
    }

    TestEvent environment(String value) {
        environment = Optional.of(value);
        return this;
    }

    TestEvent user(String value) {
        user = Optional.of(value);
        return this;
    }

    TestEvent document(byte[] value) {
        document = value;
        return this;
    }

    EventWrite build() {
        return new EventWrite(projectId, eventId, fingerprint, 2,
                title != null ? title : "ValueError: bad input in " + fingerprint,
                culprit != null ? culprit : "app.views in " + fingerprint, "error", level, receivedAt.minusMillis(5),
                receivedAt, "message of " + eventId, release, environment, user,
                document != null ? document : ("{\"event_id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8),
                "json");
    }
}
