package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.web.ui.issue.TimeView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One alert in full: its facts and times, the channels it notifies, its history and its deliveries, and for an open
 * alert the acknowledge choices.
 */
public record AlertDetailView(
        AlertRecord alert,
        String project,
        TimeView opened,
        TimeView lastNotified,
        Optional<TimeView> acknowledged,
        Optional<TimeView> snoozeUntil,
        Optional<TimeView> resolved,
        List<String> channels,
        List<HistoryRow> history,
        List<DeliveryRow> deliveries) {
    public AlertDetailView {
        requireNonNull(alert, "alert is null");
        requireNonNull(project, "project is null");
        channels = List.copyOf(channels);
        history = List.copyOf(history);
        deliveries = List.copyOf(deliveries);
    }

    static AlertDetailView of(AlertRecord alert, String project, List<String> channels, List<HistoryRow> history,
            List<DeliveryRow> deliveries, Instant now) {
        return new AlertDetailView(alert, project, Moments.relative(alert.openedAt(), now),
                Moments.relative(alert.lastNotifiedAt(), now),
                alert.acknowledgedAt().map(at -> Moments.relative(at, now)),
                alert.snoozeUntil().map(at -> Moments.relative(at, now)),
                alert.resolvedAt().map(at -> Moments.relative(at, now)), channels, history, deliveries);
    }

    public boolean open() {
        return !alert.state().equals(AlertRecord.RESOLVED);
    }

    public String url() {
        return "/alerts/" + alert.id();
    }

    public List<Snooze> snoozes() {
        return List.of(Snooze.values());
    }

    public long givenUp() {
        return deliveries.stream().filter(DeliveryRow::givenUp).count();
    }
}
