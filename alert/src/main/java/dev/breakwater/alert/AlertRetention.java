package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Clock;
import java.time.Duration;

/**
 * Alerting's retention ({@code alert.retention}): deletes the signals every cursor has handled, and the deliveries
 * and history of alerts and the incidents resolved longer ago than the retention, in bounded transactions (see
 * {@link Store#pruneAlerting}). Open alerts and pending deliveries are kept however old. Thread-safe (stateless).
 */
final class AlertRetention {
    /** Rows per write transaction: the single SQLite writer is never held for long. */
    static final int CHUNK = 1000;

    private final Store store;
    private final Clock clock;
    private final Duration retention;

    AlertRetention(Store store, Clock clock, Duration retention) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retention = requireNonNull(retention, "retention is null");
    }

    /** One pass; returns the rows deleted. */
    long prune() throws StoreException {
        return store.pruneAlerting(clock.instant().minus(retention), CHUNK);
    }
}
