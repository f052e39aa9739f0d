package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.web.ui.issue.TimeView;
import java.time.Instant;

/** One line of an alert's history: when, what kind of step, and its message. */
public record HistoryRow(TimeView at, String kind, String message) {
    static HistoryRow of(AlertHistoryEntry entry, Instant now) {
        return new HistoryRow(Moments.relative(entry.at(), now), entry.kind(), entry.message());
    }

    /** Entries that report a problem with alerting itself (a delivery given up, no channel to notify) stand out. */
    public boolean problem() {
        return kind.equals(AlertHistoryEntry.DELIVERY_FAILED) || kind.equals(AlertHistoryEntry.NO_CHANNEL);
    }
}
