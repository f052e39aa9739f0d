package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.Page;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.ReleaseRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.PageFrame;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /projects/{slug}/issues}, a project's issues one page at a time, and {@code POST
 * /projects/{slug}/issues/bulk}, which sets the status of the ticked issues. The list part of the page reloads itself
 * (htmx asks for {@code issues-table.jte} alone); each ticked checkbox keeps a stable id and {@code hx-preserve}, so a
 * reload never clears what the viewer ticked. Thread-safe.
 */
final class IssueListPage {
    static final int PAGE_SIZE = 25;

    private final UiContext context;
    private final Store store;

    IssueListPage(UiContext context) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
    }

    UiReply show(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        IssueListQuery query = IssueListQuery.parse(request::query);
        Page<IssueRecord> page = issues(project, query);
        Instant now = context.clock().instant();
        HourlyBuckets window = HourlyBuckets.endingAt(now, IssueRow.SPARKLINE_HOURS);
        List<IssueRow> rows = new ArrayList<>(page.items().size());
        // one small index read per row; a page is PAGE_SIZE rows
        for (IssueRecord issue : page.items()) {
            Sparkline sparkline = Sparkline.of(window.fill(store.hourlyCounts(issue.id(), window.from(), window.to())));
            rows.add(IssueRow.of(issue, sparkline, now));
        }
        PageFrame frame = context.frame(request, project.name() + " issues", "issues", Optional.of(project));
        if (request.htmx()) {
            IssueListView view = new IssueListView(project, query, rows, page.nextCursor(), List.of(), Optional.empty());
            return UiReply.ok(context.render("issues-table.jte", "view", view, "refreshTrigger", frame.refreshTrigger()));
        }
        List<ReleaseRecord> releases = store.releases(project.id());
        IssueListView view = new IssueListView(
                project, query, rows, page.nextCursor(), releases, ListNotice.read(request::query));
        return context.page("issues.jte", frame, "view", view);
    }

    private Page<IssueRecord> issues(ProjectRecord project, IssueListQuery query) throws StoreException, UiException {
        try {
            return store.issues(query.toStore(project.id(), PAGE_SIZE));
        } catch (IllegalArgumentException e) {
            // the cursor is the only input the store checks; without one this is our bug, not the viewer's
            if (query.cursor().isPresent()) {
                throw UiException.badRequest(
                        "this page link does not fit the list any more: go back to the first page of the issues");
            }
            throw e;
        }
    }

    UiReply bulk(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        BulkAction action = BulkAction.parse(request.form().first("action").orElse(""));
        IssueListQuery back = request.form().first("back")
                .flatMap(link -> IssueListQuery.fromBackLink(link, project.slug()))
                .orElseGet(() -> IssueListQuery.parse(name -> Optional.empty()));
        String backUrl = back.url(project.slug()) + "&";
        Set<Long> ids = issueIds(request.form().all("issue"));
        if (ids.isEmpty()) {
            return UiReply.redirect(backUrl + ListNotice.query(Optional.empty(), 0));
        }
        Instant now = context.clock().instant();
        int changed = 0;
        for (long id : ids) {
            // ids of other projects' issues are skipped, not refused: they read as absent, as everywhere else
            Optional<IssueRecord> issue = store.issue(id).filter(found -> found.projectId() == project.id());
            if (issue.isPresent() && store.setIssueStatus(id, action.status(), now).isPresent()) {
                changed++;
            }
        }
        return UiReply.redirect(backUrl + ListNotice.query(Optional.of(action), changed));
    }

    private static Set<Long> issueIds(List<String> values) throws UiException {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            try {
                ids.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw UiException.badRequest("'" + value + "' is not an issue id");
            }
        }
        return ids;
    }
}
