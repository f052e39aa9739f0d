package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A notification in the outbox. {@code state}: {@code pending} (due at {@code nextAttemptAt}), {@code delivered} or
 * {@code failed} (gave up after {@code attempts}) or {@code cancelled} (its channel was deleted or disabled before it
 * was sent; never sent); {@code lastError} says why the last attempt failed, or why it was cancelled.
 */
public record DeliveryRecord(
        long id,
        long alertId,
        long channelId,
        String kind,
        String payload,
        String state,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError,
        Instant createdAt,
        Optional<Instant> deliveredAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public DeliveryRecord {
        requireNonNull(kind, "kind is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(state, "state is null");
        requireNonNull(nextAttemptAt, "nextAttemptAt is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(deliveredAt, "deliveredAt is null");
    }
}
