package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The newest alerts a viewer may see. The store lists alerts of every project together, so the scan reads more than
 * it keeps when some are hidden, doubling its read until it has enough or the store has no more, up to
 * {@link #MAX_SCANNED} alerts per state. Stateless.
 */
public final class AlertScan {
    /** Beyond this many alerts of one state a list shows what it found; alerts that old are history. */
    static final int MAX_SCANNED = 20_000;

    private static final Comparator<AlertRecord> NEWEST_FIRST =
            Comparator.comparing(AlertRecord::openedAt).thenComparingLong(AlertRecord::id).reversed();

    private AlertScan() {}

    /** At most {@code limit} alerts of the filter's states that {@code visible} accepts, newest opened first. */
    public static List<AlertRecord> newest(
            Store store, AlertStateFilter filter, int limit, Predicate<AlertRecord> visible) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<AlertRecord> found = new ArrayList<>();
        for (Optional<String> state : filter.storeStates()) {
            found.addAll(newest(store, state, limit, visible));
        }
        found.sort(NEWEST_FIRST);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }

    private static List<AlertRecord> newest(Store store, Optional<String> state, int limit, Predicate<AlertRecord> visible)
            throws StoreException {
        int asked = limit;
        while (true) {
            List<AlertRecord> read = store.alerts(state, asked);
            List<AlertRecord> kept = read.stream().filter(visible).toList();
            if (kept.size() >= limit || read.size() < asked || asked >= MAX_SCANNED) {
                return kept.size() > limit ? kept.subList(0, limit) : kept;
            }
            asked = Math.min(MAX_SCANNED, asked * 2);
        }
    }
}
