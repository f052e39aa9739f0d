package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.NewDelivery;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AlertActions} for tests, doing what the alerting engine does with the same store operation
 * ({@link Store#applyAlertChange}): acknowledging sets the snooze and adds history, resolving adds history and queues
 * a {@code resolved} delivery per channel. A resolved or unknown alert is empty, as the interface says.
 */
public final class StoreAlertActions implements AlertActions {
    private final Store store;
    private final Clock clock;

    public StoreAlertActions(Store store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<AlertRecord> acknowledge(long alertId, Duration snooze, String by) throws StoreException {
        Optional<AlertRecord> open = open(alertId);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        AlertRecord alert = open.get();
        Instant now = clock.instant();
        Instant until = now.plus(snooze);
        AlertRecord acknowledged = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                alert.title(), alert.details(), AlertRecord.ACKNOWLEDGED, alert.step(), alert.channelIds(),
                alert.openedAt(), Optional.of(now), Optional.of(until), Optional.empty(), alert.lastNotifiedAt());
        return Optional.of(store.applyAlertChange(new AlertChange(
                acknowledged, "acknowledged", "acknowledged by " + by + " until " + until, now, List.of())));
    }

    @Override
    public Optional<AlertRecord> resolve(long alertId, String by) throws StoreException {
        Optional<AlertRecord> open = open(alertId);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        AlertRecord alert = open.get();
        Instant now = clock.instant();
        AlertRecord resolved = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                alert.title(), alert.details(), AlertRecord.RESOLVED, alert.step(), alert.channelIds(),
                alert.openedAt(), alert.acknowledgedAt(), Optional.empty(), Optional.of(now), now);
        List<NewDelivery> deliveries = alert.channelIds().stream()
                .map(channel -> new NewDelivery(channel, "resolved", "{\"kind\": \"resolved\"}"))
                .toList();
        return Optional.of(store.applyAlertChange(
                new AlertChange(resolved, "resolved", "resolved by " + by, now, deliveries)));
    }

    private Optional<AlertRecord> open(long alertId) throws StoreException {
        return store.alert(alertId).filter(alert -> !alert.state().equals(AlertRecord.RESOLVED));
    }
}
