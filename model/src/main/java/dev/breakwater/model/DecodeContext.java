package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where a spool record came from: the node that wrote it, its sequence number in that node's lane, and when the
 * node received it. Ids derived for payloads without their own ({@link DerivedIds}) come from {@code node} and
 * {@code seq}, so decoding the same record twice yields the same ids.
 */
public record DecodeContext(String node, long seq, Instant receivedAt) {
    public DecodeContext {
        requireNonNull(node, "node is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }
}
