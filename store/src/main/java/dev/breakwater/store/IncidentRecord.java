package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A status-page incident about one component: opened and resolved automatically as the component's status changes,
 * with timestamped updates (automatic or typed by an operator). {@code status} is the latest update's status:
 * {@code investigating}, {@code identified}, {@code monitoring} or {@code resolved}.
 */
public record IncidentRecord(
        long id, String component, String title, String status, Instant openedAt, Optional<Instant> resolvedAt, List<Update> updates) {

    /** One timestamped update; {@code operator} is the username when a person wrote it, empty when automatic. */
    public record Update(long id, Instant at, String status, String message, Optional<String> operator) {
        public Update {
            requireNonNull(at, "at is null");
            requireNonNull(status, "status is null");
            requireNonNull(message, "message is null");
            requireNonNull(operator, "operator is null");
        }
    }

    public IncidentRecord {
        requireNonNull(component, "component is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(resolvedAt, "resolvedAt is null");
        updates = List.copyOf(updates);
    }
}
