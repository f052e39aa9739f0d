package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.PageFrame;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.Viewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /alerts?state=open|firing|acknowledged|resolved|all}: the newest {@value #LIMIT} alerts the viewer may see
 * in that state ({@code open}, firing or acknowledged, by default). The list reloads itself: htmx asks for the same
 * address and gets the {@code #alert-list} fragment alone. Thread-safe.
 */
final class AlertListPage {
    static final int LIMIT = 200;

    private final UiContext context;
    private final Store store;

    AlertListPage(UiContext context) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
    }

    UiReply show(UiRequest request) throws Exception {
        AlertStateFilter filter = request.query("state").map(AlertStateFilter::fromWire).orElse(AlertStateFilter.OPEN);
        Viewer viewer = request.viewer();
        List<AlertRecord> alerts = AlertScan.newest(store, filter, LIMIT, alert -> AlertAccess.visible(viewer, alert));
        Map<Long, ProjectRecord> projects = new HashMap<>();
        for (ProjectRecord project : store.projects()) {
            projects.put(project.id(), project);
        }
        Instant now = context.clock().instant();
        List<AlertRow> rows = new ArrayList<>(alerts.size());
        for (AlertRecord alert : alerts) {
            rows.add(AlertRow.of(alert, AlertAccess.projectName(alert.projectId(), projects), now));
        }
        AlertListView view = new AlertListView(filter, rows, LIMIT);
        PageFrame frame = context.frame(request, "Alerts", "alerts", Optional.empty());
        if (request.htmx()) {
            return UiReply.ok(context.render("alerts-table.jte", "view", view, "refreshTrigger", frame.refreshTrigger()));
        }
        return context.page("alerts.jte", frame, "view", view);
    }
}
