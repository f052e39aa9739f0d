package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.EventSummary;
import dev.breakwater.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventNeighboursTest {

    @Test
    void findsTheNeighboursInsideAPage() throws Exception {
        FakeEvents events = new FakeEvents(10);

        EventNeighbours neighbours = EventNeighbours.of(events, "e3");

        assertThat(neighbours).isEqualTo(new EventNeighbours(Optional.of("e2"), Optional.of("e4"), true));
    }

    @Test
    void theNewestHasNoNewerAndTheOldestNoOlder() throws Exception {
        FakeEvents events = new FakeEvents(3);

        assertThat(EventNeighbours.of(events, "e0"))
                .isEqualTo(new EventNeighbours(Optional.empty(), Optional.of("e1"), true));
        assertThat(EventNeighbours.of(events, "e2"))
                .isEqualTo(new EventNeighbours(Optional.of("e1"), Optional.empty(), true));
    }

    @Test
    void looksAcrossPageBoundaries() throws Exception {
        FakeEvents events = new FakeEvents(250);

        assertThat(EventNeighbours.of(events, "e99"))
                .isEqualTo(new EventNeighbours(Optional.of("e98"), Optional.of("e100"), true));
        assertThat(EventNeighbours.of(events, "e100"))
                .isEqualTo(new EventNeighbours(Optional.of("e99"), Optional.of("e101"), true));
        assertThat(EventNeighbours.of(events, "e249"))
                .isEqualTo(new EventNeighbours(Optional.of("e248"), Optional.empty(), true));
    }

    @Test
    void readsNoMoreThanTheScanLimit() throws Exception {
        FakeEvents events = new FakeEvents(2000);

        assertThat(EventNeighbours.of(events, "e499").found()).isTrue();
        events.read = 0;
        assertThat(EventNeighbours.of(events, "e1500")).isEqualTo(EventNeighbours.NONE);
        assertThat(events.read).isEqualTo(EventNeighbours.SCAN_LIMIT);
    }

    @Test
    void anUnknownEventHasNoNeighbours() throws Exception {
        assertThat(EventNeighbours.of(new FakeEvents(5), "nope")).isEqualTo(EventNeighbours.NONE);
        assertThat(EventNeighbours.of(new FakeEvents(0), "nope")).isEqualTo(EventNeighbours.NONE);
    }

    @Test
    void theLatestIsTheNewestWithOnlyAnOlderNeighbour() throws Exception {
        EventNeighbours.Latest latest = EventNeighbours.latest(new FakeEvents(4)).orElseThrow();

        assertThat(latest.event().eventId()).isEqualTo("e0");
        assertThat(latest.neighbours()).isEqualTo(new EventNeighbours(Optional.empty(), Optional.of("e1"), true));
        assertThat(EventNeighbours.latest(new FakeEvents(1)).orElseThrow().neighbours().older()).isEmpty();
        assertThat(EventNeighbours.latest(new FakeEvents(0))).isEmpty();
    }

    /** Events e0 (newest) .. e{n-1} (oldest), paged like the store: the cursor is the index to go on from. */
    private static final class FakeEvents implements EventNeighbours.Events {
        private final List<EventSummary> all = new ArrayList<>();
        int read;

        FakeEvents(int n) {
            Instant newest = Instant.parse("2026-03-10T12:00:00Z");
            for (int i = 0; i < n; i++) {
                all.add(new EventSummary("e" + i, 1, 7, newest.minusSeconds(i), newest.minusSeconds(i), "error", "boom",
                        Optional.empty(), Optional.empty()));
            }
        }

        @Override
        public Page<EventSummary> page(Optional<String> cursor, int limit) {
            int from = cursor.map(Integer::parseInt).orElse(0);
            int to = Math.min(all.size(), from + limit);
            read += to - from;
            return new Page<>(all.subList(from, to), to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
        }
    }
}
