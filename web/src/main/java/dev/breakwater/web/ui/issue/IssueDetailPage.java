package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.StoredEvent;
import dev.breakwater.web.api.StoredEventDocument;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /issues/{id}} (with {@code ?event={eventId}} for an event other than the latest): the issue, its hourly
 * chart and one event in full; {@code POST /issues/{id}/status} sets its status. Thread-safe.
 */
final class IssueDetailPage {
    private static final Logger LOG = LoggerFactory.getLogger(IssueDetailPage.class);

    private final UiContext context;
    private final Store store;

    IssueDetailPage(UiContext context) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
    }

    UiReply show(UiRequest request) throws Exception {
        IssueRecord issue = context.visibleIssue(request, request.path("id"));
        ProjectRecord project = store.project(issue.projectId())
                .orElseThrow(() -> UiException.notFound("there is no issue " + issue.id()));
        Instant now = context.clock().instant();
        HourlyBuckets window = HourlyBuckets.endingAt(now, IssueDetailView.CHART_HOURS);
        HourlyChart chart = HourlyChart.of(window.fill(store.hourlyCounts(issue.id(), window.from(), window.to())));
        EventNeighbours.Events events = (cursor, limit) -> store.eventsOfIssue(issue.id(), cursor, limit);

        Optional<String> wanted = request.query("event");
        Optional<StoredEvent> stored;
        EventNeighbours neighbours;
        if (wanted.isPresent()) {
            stored = Optional.of(store.event(wanted.get())
                    .filter(event -> event.summary().issueId() == issue.id())
                    .orElseThrow(() -> UiException.notFound(
                            "issue " + issue.id() + " has no event '" + wanted.get() + "'")));
            neighbours = EventNeighbours.of(events, wanted.get());
        } else {
            Optional<EventNeighbours.Latest> latest = EventNeighbours.latest(events);
            stored = latest.isEmpty() ? Optional.empty() : store.event(latest.get().event().eventId());
            neighbours = latest.map(EventNeighbours.Latest::neighbours).orElse(EventNeighbours.NONE);
        }
        Optional<EventView> event = stored.flatMap(this::view);
        String problem = event.isPresent() ? ""
                : stored.isPresent() ? "This event's stored document cannot be read; the server log says why."
                : "No event of this issue is stored any more: events older than the retention period are deleted.";
        boolean latest = wanted.isEmpty() || (neighbours.found() && neighbours.newer().isEmpty());

        IssueDetailView view = new IssueDetailView(issue, project, TimeView.ago(issue.firstSeen(), now),
                TimeView.ago(issue.lastSeen(), now), chart, event, problem, neighbours, latest);
        return context.page("issue.jte", context.frame(request, issue.title(), "issues", Optional.of(project)),
                "view", view);
    }

    /** The event for the page; empty (and logged) when its stored document is unreadable, so the issue still shows. */
    private Optional<EventView> view(StoredEvent stored) {
        try {
            return Optional.of(EventViewReader.read(StoredEventDocument.parse(stored), stored.summary()));
        } catch (IllegalStateException e) {
            LOG.error("issue page: {}", e.getMessage(), e);
            return Optional.empty();
        }
    }

    UiReply setStatus(UiRequest request) throws UiException, StoreException {
        IssueRecord issue = context.visibleIssue(request, request.path("id"));
        String given = request.form().required("status");
        IssueStatus status;
        try {
            status = IssueStatus.fromWire(given);
        } catch (IllegalArgumentException e) {
            throw UiException.badRequest("status must be unresolved, resolved or ignored, was '" + given + "'");
        }
        store.setIssueStatus(issue.id(), status, context.clock().instant())
                .orElseThrow(() -> UiException.notFound("there is no issue " + issue.id()));
        return UiReply.redirect("/issues/" + issue.id());
    }
}
