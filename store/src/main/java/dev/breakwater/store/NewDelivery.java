package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

/** A notification to queue in the outbox: which channel, why ({@code kind}, e.g. {@code fired}), and its JSON payload. */
public record NewDelivery(long channelId, String kind, String payload) {
    public NewDelivery {
        requireNonNull(kind, "kind is null");
        requireNonNull(payload, "payload is null");
    }
}
