package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where notifications go. {@code kind}: {@code webhook} (JSON POST to {@code target}, signed with HMAC-SHA256 of the
 * body under {@code secret}), {@code slack} (Slack-compatible incoming webhook URL in {@code target}) or {@code email}
 * ({@code target} is the recipient address). Every enabled channel also gets Breakwater's own (internal) alerts; a
 * disabled one ({@code enabled} false) gets no new deliveries at all.
 */
public record ChannelRecord(
        long id, String name, String kind, String target, String secret, Instant createdAt, boolean enabled) {
    public ChannelRecord {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** An enabled channel. */
    public ChannelRecord(long id, String name, String kind, String target, String secret, Instant createdAt) {
        this(id, name, kind, target, secret, createdAt, true);
    }
}
