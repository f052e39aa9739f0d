package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One line of an alert's history: what happened ({@code kind}) and when, with a human message. */
public record AlertHistoryEntry(long id, long alertId, Instant at, String kind, String message) {
    /** The entry {@link Store#deliveryFailed} adds when it gives a delivery up. */
    public static final String DELIVERY_FAILED = "delivery_failed";
    /** A change that should have notified found no enabled channel to notify. */
    public static final String NO_CHANNEL = "no_channel";

    public AlertHistoryEntry {
        requireNonNull(at, "at is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
    }
}
