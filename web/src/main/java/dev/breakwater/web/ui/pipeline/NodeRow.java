package dev.breakwater.web.ui.pipeline;

import dev.breakwater.pipeline.NodeDelay;
import dev.breakwater.web.ui.Durations;
import java.time.Instant;
import java.util.Optional;

/** One row of the pipeline page's nodes table: the node's delay and how long ago its newest records came and went. */
public record NodeRow(String node, String delay, String lastReceived, String lastProcessed) {

    public static NodeRow of(NodeDelay node, Instant now) {
        return new NodeRow(
                node.node(),
                Durations.human(node.delaySeconds()),
                ago(node.lastReceivedAt(), now),
                ago(node.lastProcessedReceivedAt(), now));
    }

    private static String ago(Optional<Instant> at, Instant now) {
        return at.map(instant -> Durations.ago(instant, now)).orElse("never");
    }
}
