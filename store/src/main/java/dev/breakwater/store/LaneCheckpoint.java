package dev.breakwater.store;

import java.time.Instant;
import java.util.Map;

/**
 * A lane consumer's durable progress: every spool record before {@code nextOffset} has been applied; per node, the
 * last applied record; whether an operator paused the lane.
 */
public record LaneCheckpoint(String lane, long nextOffset, Map<String, NodeMark> nodes, boolean paused, Instant updatedAt) {
    public LaneCheckpoint {
        nodes = Map.copyOf(nodes);
    }
}
