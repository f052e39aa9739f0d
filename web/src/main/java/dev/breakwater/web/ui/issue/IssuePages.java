package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiRoutes;

/**
 * The issue pages: a project's issue list with its tabs, filters, live refresh and bulk triage
 * ({@link IssueListPage}), and one issue with its chart, an event in full and its status buttons
 * ({@link IssueDetailPage}). Every page shows only issues of projects the viewer may see; others' read as absent (404).
 */
public final class IssuePages implements PageGroup {
    private final IssueListPage list;
    private final IssueDetailPage detail;

    public IssuePages(UiContext context) {
        requireNonNull(context, "context is null");
        this.list = new IssueListPage(context);
        this.detail = new IssueDetailPage(context);
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/projects/{slug}/issues", list::show);
        routes.post("/projects/{slug}/issues/bulk", list::bulk);
        routes.get("/issues/{id}", detail::show);
        routes.post("/issues/{id}/status", detail::setStatus);
    }
}
