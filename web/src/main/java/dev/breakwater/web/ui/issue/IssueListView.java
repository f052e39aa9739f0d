package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.ReleaseRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code issues.jte} and its live part {@code issues-table.jte} show: the project, the list asked for, one
 * page of rows, the next page's cursor, the project's releases for the filter and a notice after a bulk action.
 */
public record IssueListView(
        ProjectRecord project,
        IssueListQuery query,
        List<IssueRow> rows,
        Optional<String> nextCursor,
        List<ReleaseRecord> releases,
        Optional<String> notice) {
    public IssueListView {
        requireNonNull(project, "project is null");
        requireNonNull(query, "query is null");
        rows = List.copyOf(rows);
        requireNonNull(nextCursor, "nextCursor is null");
        releases = List.copyOf(releases);
        requireNonNull(notice, "notice is null");
    }

    /** This page's URL: what the live part reloads and where a bulk action returns to. */
    public String url() {
        return query.url(project.slug());
    }

    public String listPath() {
        return IssueListQuery.path(project.slug());
    }

    public Optional<String> nextUrl() {
        return nextCursor.map(cursor -> query.withCursor(Optional.of(cursor)).url(project.slug()));
    }

    /** The first page's URL, when this is a later page. */
    public Optional<String> firstUrl() {
        return query.cursor().map(cursor -> query.firstPage().url(project.slug()));
    }

    public String clearFiltersUrl() {
        return query.withoutFilters().url(project.slug());
    }

    public String tabUrl(IssueStatus status) {
        return query.withStatus(status).url(project.slug());
    }

    public List<IssueStatus> tabs() {
        return Arrays.asList(IssueStatus.values());
    }

    public List<BulkAction> actions() {
        return BulkAction.forTab(query.status());
    }

    public List<ListSort> sorts() {
        return Arrays.asList(ListSort.values());
    }

    public boolean releaseSelected(String version) {
        return query.release().filter(version::equals).isPresent();
    }

    /** The release filter, when it names a release the project does not (or no longer) list, so it stays selected. */
    public Optional<String> unlistedRelease() {
        return query.release().filter(release -> releases.stream().noneMatch(r -> r.version().equals(release)));
    }

    public String emptyText() {
        if (query.filtered()) {
            return "No " + query.status().wireName() + " issues match these filters.";
        }
        return switch (query.status()) {
            case UNRESOLVED -> "No unresolved issues. Errors your applications send will show up here.";
            case RESOLVED -> "No resolved issues.";
            case IGNORED -> "No ignored issues.";
        };
    }

    public static String tabLabel(IssueStatus status) {
        return switch (status) {
            case UNRESOLVED -> "Unresolved";
            case RESOLVED -> "Resolved";
            case IGNORED -> "Ignored";
        };
    }
}
