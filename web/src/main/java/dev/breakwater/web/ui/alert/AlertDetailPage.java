package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /alerts/{id}}, one alert with its history and deliveries, and the two things a person does to an open
 * alert: {@code POST /alerts/{id}/ack} (form field {@code snooze}: 15m, 1h, 4h or 24h) and
 * {@code POST /alerts/{id}/resolve}, both carried out by the {@link AlertActions} and answered with a redirect back
 * to the alert. An alert the viewer may not see is a 404 for all three. Thread-safe.
 */
final class AlertDetailPage {
    private final UiContext context;
    private final Store store;
    private final AlertActions actions;

    AlertDetailPage(UiContext context, AlertActions actions) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
        this.actions = requireNonNull(actions, "actions is null");
    }

    UiReply show(UiRequest request) throws Exception {
        AlertRecord alert = AlertAccess.visibleAlert(store, request.viewer(), request.path("id"));
        Optional<ProjectRecord> project = alert.projectId().isPresent()
                ? store.project(alert.projectId().get())
                : Optional.empty();
        Map<Long, ChannelRecord> channels = new HashMap<>();
        for (ChannelRecord channel : store.channels()) {
            channels.put(channel.id(), channel);
        }
        List<String> notifies = new ArrayList<>();
        for (long id : alert.channelIds()) {
            notifies.add(Optional.ofNullable(channels.get(id)).map(ChannelRecord::name).orElse("deleted channel " + id));
        }
        Instant now = context.clock().instant();
        List<HistoryRow> history = new ArrayList<>();
        for (AlertHistoryEntry entry : store.alertHistory(alert.id())) {
            history.add(HistoryRow.of(entry, now));
        }
        List<DeliveryRow> deliveries = new ArrayList<>();
        for (DeliveryRecord delivery : store.deliveries(alert.id())) {
            deliveries.add(DeliveryRow.of(delivery, channels, now));
        }
        String projectName = alert.projectId().isEmpty()
                ? AlertAccess.INTERNAL
                : project.map(ProjectRecord::name).orElse("project " + alert.projectId().get());
        AlertDetailView view = AlertDetailView.of(alert, projectName, notifies, history, deliveries, now);
        return context.page("alert.jte", context.frame(request, alert.title(), "alerts", project), "view", view);
    }

    UiReply acknowledge(UiRequest request) throws Exception {
        AlertRecord alert = AlertAccess.visibleAlert(store, request.viewer(), request.path("id"));
        String given = request.form().first("snooze").orElse("");
        Snooze snooze = Snooze.fromValue(given).orElseThrow(() -> UiException.badRequest(
                "choose how long to snooze the alert: 15m, 1h, 4h or 24h (was '" + given + "')"));
        if (alert.state().equals(AlertRecord.RESOLVED)
                || actions.acknowledge(alert.id(), snooze.duration(), by(request)).isEmpty()) {
            throw notOpen(alert);
        }
        return UiReply.redirect("/alerts/" + alert.id());
    }

    /** Resolving a resolved alert changes nothing and is no error: two people may click at once. */
    UiReply resolve(UiRequest request) throws Exception {
        AlertRecord alert = AlertAccess.visibleAlert(store, request.viewer(), request.path("id"));
        if (!alert.state().equals(AlertRecord.RESOLVED)) {
            actions.resolve(alert.id(), by(request));
        }
        return UiReply.redirect("/alerts/" + alert.id());
    }

    private static String by(UiRequest request) {
        return request.viewer().user().username();
    }

    private static UiException notOpen(AlertRecord alert) {
        return new UiException(409, "alert " + alert.id() + " is already resolved, so there is nothing to acknowledge");
    }
}
