package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A notification channel to create; see {@link ChannelRecord}. */
public record NewChannel(String name, String kind, String target, String secret, Instant createdAt) {
    public NewChannel {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
