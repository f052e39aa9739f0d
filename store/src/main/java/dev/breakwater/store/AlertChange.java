package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One step of an alert's life, applied by {@link Store#applyAlertChange} in one transaction: the alert as it is after
 * the step ({@code alert.id()} 0 = a new alert, the store assigns the id), a history entry ({@code kind} such as
 * {@code fired}, {@code acknowledged}, {@code renotified}, {@code escalated}, {@code resolved}, with a message) and
 * the deliveries the step queues in the outbox. So an alert never changes without its history, and a notification
 * is queued exactly when the change that causes it is committed.
 */
public record AlertChange(AlertRecord alert, String historyKind, String historyMessage, Instant at, List<NewDelivery> deliveries) {
    public AlertChange {
        requireNonNull(alert, "alert is null");
        requireNonNull(historyKind, "historyKind is null");
        requireNonNull(historyMessage, "historyMessage is null");
        requireNonNull(at, "at is null");
        deliveries = List.copyOf(deliveries);
    }
}
