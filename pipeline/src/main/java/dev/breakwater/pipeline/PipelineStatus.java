package dev.breakwater.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The pipeline's health at one moment (ARCHITECTURE.md "Processing delay"): the service's delay is the largest delay
 * of any node; the catch-up ETA is the backlog divided by the net drain rate, empty when there is no backlog or the
 * backlog is not shrinking.
 */
public record PipelineStatus(
        double delaySeconds, Optional<Double> catchUpEtaSeconds, List<NodeDelay> nodes, List<LaneStatus> lanes) {
    public PipelineStatus {
        nodes = List.copyOf(nodes);
        lanes = List.copyOf(lanes);
    }
}
