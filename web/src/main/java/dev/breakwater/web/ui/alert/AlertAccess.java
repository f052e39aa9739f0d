package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.Viewer;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see which alert: a project's alerts whoever may see the project, Breakwater's own (internal) alerts admins
 * only. An alert the viewer may not see reads as absent (404), as others' projects do. Stateless.
 */
final class AlertAccess {
    /** What the pages call Breakwater's own alerts, in the project column. */
    static final String INTERNAL = "Breakwater";

    private AlertAccess() {}

    static boolean visible(Viewer viewer, AlertRecord alert) {
        return alert.projectId().map(viewer::canSee).orElse(viewer.admin());
    }

    /** The alert with this id (path text) if the viewer may see it; otherwise 404. */
    static AlertRecord visibleAlert(Store store, Viewer viewer, String id) throws UiException, StoreException {
        long alertId;
        try {
            alertId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw UiException.notFound("there is no alert '" + id + "'");
        }
        return store.alert(alertId)
                .filter(alert -> visible(viewer, alert))
                .orElseThrow(() -> UiException.notFound("there is no alert " + alertId));
    }

    /** The name of the alert's project, {@value #INTERNAL} for internal alerts. */
    static String projectName(Optional<Long> projectId, Map<Long, ProjectRecord> projects) {
        return projectId.map(id -> Optional.ofNullable(projects.get(id)).map(ProjectRecord::name).orElse("project " + id))
                .orElse(INTERNAL);
    }

    /** "Threshold must be ..." from "threshold must be ...": refusals of the shared checks, as a page shows them. */
    static String sentence(String message) {
        String text = message == null || message.isEmpty() ? "That did not work" : message;
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }
}
