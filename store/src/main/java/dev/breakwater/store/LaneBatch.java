package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What one pipeline batch writes in one transaction. {@code nextOffset} and {@code nodes} become the lane checkpoint
 * (node marks are merged: a node absent here keeps its previous mark).
 */
public record LaneBatch(
        String lane,
        long nextOffset,
        Map<String, NodeMark> nodes,
        List<EventWrite> events,
        List<DeployWrite> deploys,
        List<ArtifactWrite> artifacts,
        List<QuarantineWrite> quarantined) {

    public LaneBatch {
        requireNonNull(lane, "lane is null");
        nodes = Map.copyOf(nodes);
        events = List.copyOf(events);
        deploys = List.copyOf(deploys);
        artifacts = List.copyOf(artifacts);
        quarantined = List.copyOf(quarantined);
    }

    /** A batch without artifacts (every lane but the artifacts lane). */
    public LaneBatch(
            String lane,
            long nextOffset,
            Map<String, NodeMark> nodes,
            List<EventWrite> events,
            List<DeployWrite> deploys,
            List<QuarantineWrite> quarantined) {
        this(lane, nextOffset, nodes, events, deploys, List.of(), quarantined);
    }
}
