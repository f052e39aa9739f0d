package dev.breakwater.web.ui.issue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.ProjectRecord;
import java.net.URLEncoder;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code issue.jte} shows: the issue, its last 72 hours, one of its events (the latest unless another was
 * asked for) and the links to the events beside it.
 *
 * @param event        the event shown; empty when the issue has no stored event or its document cannot be read
 * @param eventProblem why no event is shown, {@code ""} when one is
 * @param latest       whether the event shown is the issue's latest
 */
public record IssueDetailView(
        IssueRecord issue,
        ProjectRecord project,
        TimeView firstSeen,
        TimeView lastSeen,
        HourlyChart chart,
        Optional<EventView> event,
        String eventProblem,
        EventNeighbours neighbours,
        boolean latest) {
    static final int CHART_HOURS = 72;

    public IssueDetailView {
        requireNonNull(issue, "issue is null");
        requireNonNull(project, "project is null");
        requireNonNull(chart, "chart is null");
        requireNonNull(event, "event is null");
        requireNonNull(eventProblem, "eventProblem is null");
        requireNonNull(neighbours, "neighbours is null");
    }

    public boolean regressed() {
        return issue.regressedAt().isPresent() && issue.status() == IssueStatus.UNRESOLVED;
    }

    /** The status changes that do something for this issue. */
    public List<BulkAction> actions() {
        return BulkAction.forTab(issue.status());
    }

    public String listUrl() {
        return IssueListQuery.path(project.slug()) + "?status=" + issue.status().wireName();
    }

    public String issueUrl() {
        return "/issues/" + issue.id();
    }

    public Optional<String> olderUrl() {
        return neighbours.older().map(this::eventUrl);
    }

    public Optional<String> newerUrl() {
        return neighbours.newer().map(this::eventUrl);
    }

    private String eventUrl(String eventId) {
        return issueUrl() + "?event=" + URLEncoder.encode(eventId, UTF_8);
    }
}
