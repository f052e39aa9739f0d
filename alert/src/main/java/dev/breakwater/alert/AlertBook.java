package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewDelivery;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert lifecycle: {@code firing → acknowledged → resolved}, one open alert per condition (its dedup key).
 *
 * <ul>
 *   <li>an active condition without an open alert <b>fires</b> one and notifies its channels;
 *   <li>an open alert whose condition reaches a higher step <b>escalates</b>: it notifies at once, and an acknowledged
 *       one goes back to firing (the acknowledgement was for the lesser condition);
 *   <li>an acknowledged alert whose condition is still active when its snooze ends is <b>renotified</b> and goes back
 *       to firing, so an acknowledged problem that nobody fixed is not forgotten;
 *   <li>an open alert whose condition is no longer active <b>resolves</b>, and that notifies too.
 * </ul>
 * Any other observation changes nothing, not even the stored details: a firing alert is notified once per change of
 * its lifecycle, not once per observation, and a lower step does not lower it (so a condition hovering around a
 * threshold does not escalate again and again).
 *
 * <p>Every change is one {@link Store#applyAlertChange} call: the alert, its history entry and its outbox deliveries
 * commit together, so a notification is queued exactly when the change that causes it is committed. An alert notifies
 * the channels it fired to (recorded in {@link AlertRecord#channelIds()}) for its whole life, minus channels deleted
 * since; a disabled channel gets nothing while it is disabled.
 *
 * <p>A notifying change that finds no enabled channel to notify says so in the alert's history ({@code no_channel}),
 * and the alert keeps owing its notification: {@link #notifyUnnotified} delivers the open alert's current state, once,
 * to the channels it would notify as soon as there is one (a channel added or enabled later).
 *
 * <p>Thread-safe: every method is serialised on this book, so two observers of one condition cannot both fire it.
 */
public final class AlertBook {
    /** The history entry of an owed notification delivered once a channel was there. */
    static final String NOTIFIED_LATE = "notified_late";
    static final String NO_CHANNEL_MESSAGE = "no channel to notify";
    private static final int UNNOTIFIED_BATCH = 100;

    private final Store store;

    public AlertBook(Store store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Moves the condition's alert one step along its lifecycle as described above, if the observation calls for it.
     *
     * @return the alert as stored after the change; empty when nothing changed
     */
    public synchronized Optional<AlertRecord> observe(Condition condition, Instant now) throws StoreException {
        requireNonNull(condition, "condition is null");
        requireNonNull(now, "now is null");
        Optional<AlertRecord> open = store.openAlert(condition.dedupKey());
        if (!condition.active()) {
            if (open.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(resolved(open.get(), "resolved: " + condition.details(), now));
        }
        if (open.isEmpty()) {
            return Optional.of(fire(condition, now));
        }
        AlertRecord alert = open.get();
        if (condition.step() > alert.step()) {
            AlertRecord escalated = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                    condition.title(), condition.details(), AlertRecord.FIRING, condition.step(), alert.channelIds(),
                    alert.openedAt(), Optional.empty(), Optional.empty(), Optional.empty(), now);
            return Optional.of(apply(escalated, NotificationPayload.ESCALATED,
                    "escalated from step " + alert.step() + " to " + condition.step() + ": " + condition.details(),
                    now));
        }
        if (alert.state().equals(AlertRecord.ACKNOWLEDGED)
                && alert.snoozeUntil().map(until -> !until.isAfter(now)).orElse(true)) {
            AlertRecord renotified = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                    condition.title(), condition.details(), AlertRecord.FIRING, alert.step(), alert.channelIds(),
                    alert.openedAt(), Optional.empty(), Optional.empty(), Optional.empty(), now);
            String message = "still firing when the snooze ended"
                    + alert.snoozeUntil().map(until -> " at " + until).orElse("") + ": " + condition.details();
            return Optional.of(apply(renotified, NotificationPayload.RENOTIFIED, message, now));
        }
        return Optional.empty();
    }

    /**
     * Acknowledges an open alert: it stays open without notifying until {@code now + snooze}; if its condition is still
     * active then, it notifies again. Acknowledging again replaces the snooze.
     *
     * @return the alert as stored; empty when there is no such alert
     * @throws AlertResolvedException when the alert is already resolved
     */
    public synchronized Optional<AlertRecord> acknowledge(long alertId, Duration snooze, String by, Instant now)
            throws StoreException {
        requireNonNull(snooze, "snooze is null");
        requireNonNull(by, "by is null");
        requireNonNull(now, "now is null");
        if (snooze.isNegative()) {
            throw new IllegalArgumentException("snooze must not be negative, was " + snooze);
        }
        Optional<AlertRecord> found = store.alert(alertId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AlertRecord alert = found.get();
        if (alert.state().equals(AlertRecord.RESOLVED)) {
            throw new AlertResolvedException(alertId);
        }
        Instant until = now.plus(snooze);
        AlertRecord acknowledged = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                alert.title(), alert.details(), AlertRecord.ACKNOWLEDGED, alert.step(), alert.channelIds(),
                alert.openedAt(), Optional.of(now), Optional.of(until), Optional.empty(), alert.lastNotifiedAt());
        String message = "acknowledged by " + by + " until " + until.truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(store.applyAlertChange(new AlertChange(acknowledged, "acknowledged", message, now, List.of())));
    }

    /**
     * Resolves an open alert by hand and notifies its channels. If its condition is still active, the next observation
     * fires a new alert.
     *
     * @return the alert as stored (unchanged when it was already resolved); empty when there is no such alert
     */
    public synchronized Optional<AlertRecord> resolve(long alertId, String by, Instant now) throws StoreException {
        requireNonNull(by, "by is null");
        requireNonNull(now, "now is null");
        Optional<AlertRecord> found = store.alert(alertId);
        if (found.isEmpty() || found.get().state().equals(AlertRecord.RESOLVED)) {
            return found;
        }
        return Optional.of(resolved(found.get(), "resolved by " + by, now));
    }

    private AlertRecord fire(Condition condition, Instant now) throws StoreException {
        List<Long> targets = new ArrayList<>();
        for (ChannelRecord channel : store.channels()) {
            boolean chosen = condition.channelIds().isEmpty() || condition.channelIds().contains(channel.id());
            boolean excluded = condition.excludedChannelId().map(id -> id == channel.id()).orElse(false);
            if (chosen && !excluded) {
                targets.add(channel.id());
            }
        }
        AlertRecord alert = new AlertRecord(0, condition.dedupKey(), condition.projectId(), condition.ruleId(),
                condition.title(), condition.details(), AlertRecord.FIRING, condition.step(), targets, now,
                Optional.empty(), Optional.empty(), Optional.empty(), now);
        return apply(alert, NotificationPayload.FIRED, "fired: " + condition.details(), now);
    }

    private AlertRecord resolved(AlertRecord alert, String message, Instant now) throws StoreException {
        AlertRecord resolved = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                alert.title(), alert.details(), AlertRecord.RESOLVED, alert.step(), alert.channelIds(),
                alert.openedAt(), alert.acknowledgedAt(), Optional.empty(), Optional.of(now), now);
        return apply(resolved, NotificationPayload.RESOLVED, message, now);
    }

    private AlertRecord apply(AlertRecord alert, String kind, String message, Instant now) throws StoreException {
        String payload = NotificationPayload.of(kind, alert, now);
        Set<Long> enabled = new HashSet<>();
        for (ChannelRecord channel : store.channels()) {
            if (channel.enabled()) {
                enabled.add(channel.id());
            }
        }
        List<NewDelivery> deliveries = new ArrayList<>();
        for (long channelId : alert.channelIds()) {
            if (enabled.contains(channelId)) {
                deliveries.add(new NewDelivery(channelId, kind, payload));
            }
        }
        AlertRecord stored = store.applyAlertChange(new AlertChange(alert, kind, message, now, deliveries));
        if (deliveries.isEmpty()) {
            store.addAlertHistory(stored.id(), now, AlertHistoryEntry.NO_CHANNEL, NO_CHANNEL_MESSAGE);
        }
        return stored;
    }

    /**
     * Delivers each open alert whose last notifying change reached no channel ({@link Store#unnotifiedAlerts}) to the
     * enabled channels it would notify now, once: its current state, as a {@code fired} notification, not the changes
     * it went through meanwhile. A rule's alert goes to its rule's channels (every channel when the rule has none left),
     * any other alert to every channel but a failing channel's own. Alerts still without a channel stay owed.
     *
     * @return the alerts notified
     */
    public synchronized List<AlertRecord> notifyUnnotified(Instant now) throws StoreException {
        requireNonNull(now, "now is null");
        List<AlertRecord> owed = store.unnotifiedAlerts(UNNOTIFIED_BATCH);
        if (owed.isEmpty()) {
            return List.of();
        }
        List<ChannelRecord> channels = store.channels();
        Map<Long, AlertRuleRecord> rules = new HashMap<>();
        for (AlertRuleRecord rule : store.alertRules(Optional.empty())) {
            rules.put(rule.id(), rule);
        }
        List<AlertRecord> notified = new ArrayList<>();
        for (AlertRecord alert : owed) {
            List<Long> chosen;
            if (alert.ruleId().isPresent()) {
                AlertRuleRecord rule = rules.get(alert.ruleId().get());
                if (rule == null || !rule.enabled()) {
                    continue; // the rule's alerts resolve at the next evaluation
                }
                chosen = rule.channelIds();
            } else {
                chosen = List.of();
            }
            Optional<Long> excluded = ChannelHealth.channelOf(alert.dedupKey());
            List<Long> targets = new ArrayList<>();
            for (ChannelRecord channel : channels) {
                if (channel.enabled() && (chosen.isEmpty() || chosen.contains(channel.id()))
                        && !excluded.equals(Optional.of(channel.id()))) {
                    targets.add(channel.id());
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            List<Long> channelIds = new ArrayList<>(alert.channelIds());
            targets.stream().filter(id -> !channelIds.contains(id)).forEach(channelIds::add);
            AlertRecord current = new AlertRecord(alert.id(), alert.dedupKey(), alert.projectId(), alert.ruleId(),
                    alert.title(), alert.details(), alert.state(), alert.step(), channelIds, alert.openedAt(),
                    alert.acknowledgedAt(), alert.snoozeUntil(), alert.resolvedAt(), now);
            String payload = NotificationPayload.of(NotificationPayload.FIRED, current, now);
            List<NewDelivery> deliveries = targets.stream()
                    .map(id -> new NewDelivery(id, NotificationPayload.FIRED, payload))
                    .toList();
            notified.add(store.applyAlertChange(new AlertChange(current, NOTIFIED_LATE,
                    "notified channel(s) " + targets + ", which it had reached none of, of its current state ("
                            + alert.state() + ")", now, deliveries)));
        }
        return notified;
    }
}
