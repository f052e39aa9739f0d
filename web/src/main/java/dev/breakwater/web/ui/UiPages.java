package dev.breakwater.web.ui;

import dev.breakwater.web.ui.alert.AlertActions;
import dev.breakwater.web.ui.alert.AlertPages;
import dev.breakwater.web.ui.incident.IncidentPages;
import dev.breakwater.web.ui.issue.IssuePages;
import dev.breakwater.web.ui.pipeline.PipelinePages;
import dev.breakwater.web.ui.project.ProjectPages;
import dev.breakwater.web.ui.release.ReleasePages;
import dev.breakwater.web.ui.user.UserPages;
import java.util.List;

/** Every page group of the UI, in the order their routes are registered. */
public final class UiPages {
    private UiPages() {}

    /** @param alerts acknowledges and resolves alerts for the alert pages (the server adapts the alerting engine) */
    public static List<PageGroup> all(UiContext context, AlertActions alerts) {
        return List.of(
                new ProjectPages(context),
                new IssuePages(context),
                new ReleasePages(context),
                new PipelinePages(context),
                new UserPages(context),
                new AlertPages(context, alerts),
                new IncidentPages(context));
    }
}
