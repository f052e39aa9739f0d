package dev.breakwater.web.ui.issue;

import dev.breakwater.store.EventSummary;
import dev.breakwater.store.Page;
import dev.breakwater.store.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * Where one event of an issue stands among the issue's events (newest first, as {@code Store.eventsOfIssue} pages
 * them): the next newer and the next older one, for the issue page's "Newer" and "Older" links.
 *
 * <p>The store pages events by an opaque cursor and cannot start a page at a given event, so this reads pages from
 * the newest until it meets the event, at most {@link #SCAN_LIMIT} summaries (a few small index reads). An event
 * further back than that is shown without neighbours; the page then offers only the way back to the latest.
 *
 * @param found whether the event was met within the limit (always, for the latest event)
 */
public record EventNeighbours(Optional<String> newer, Optional<String> older, boolean found) {
    static final int SCAN_LIMIT = 500;
    static final int PAGE_SIZE = 100;

    /** One page of an issue's events, newest first: {@code Store.eventsOfIssue} for one issue. */
    @FunctionalInterface
    interface Events {
        Page<EventSummary> page(Optional<String> cursor, int limit) throws StoreException;
    }

    static final EventNeighbours NONE = new EventNeighbours(Optional.empty(), Optional.empty(), false);

    /** The latest event of the issue and its neighbours (it has no newer one); empty when the issue has no events. */
    static Optional<Latest> latest(Events events) throws StoreException {
        Page<EventSummary> page = events.page(Optional.empty(), 2);
        if (page.items().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> older = page.items().size() > 1
                ? Optional.of(page.items().get(1).eventId())
                : Optional.empty();
        return Optional.of(new Latest(page.items().getFirst(), new EventNeighbours(Optional.empty(), older, true)));
    }

    /** The neighbours of {@code eventId}, or {@link #NONE} when it is not among the newest {@link #SCAN_LIMIT}. */
    static EventNeighbours of(Events events, String eventId) throws StoreException {
        Optional<String> cursor = Optional.empty();
        Optional<String> previous = Optional.empty();
        int scanned = 0;
        while (scanned < SCAN_LIMIT) {
            Page<EventSummary> page = events.page(cursor, Math.min(PAGE_SIZE, SCAN_LIMIT - scanned));
            List<EventSummary> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).eventId().equals(eventId)) {
                    Optional<String> newer = i > 0 ? Optional.of(items.get(i - 1).eventId()) : previous;
                    return new EventNeighbours(newer, olderThan(events, items, i, page.nextCursor()), true);
                }
            }
            scanned += items.size();
            if (items.isEmpty() || page.nextCursor().isEmpty()) {
                break;
            }
            previous = Optional.of(items.getLast().eventId());
            cursor = page.nextCursor();
        }
        return NONE;
    }

    private static Optional<String> olderThan(Events events, List<EventSummary> items, int index, Optional<String> next)
            throws StoreException {
        if (index + 1 < items.size()) {
            return Optional.of(items.get(index + 1).eventId());
        }
        if (next.isEmpty()) {
            return Optional.empty();
        }
        return events.page(next, 1).items().stream().findFirst().map(EventSummary::eventId);
    }

    /** The newest event of an issue with its neighbours. */
    record Latest(EventSummary event, EventNeighbours neighbours) {}
}
