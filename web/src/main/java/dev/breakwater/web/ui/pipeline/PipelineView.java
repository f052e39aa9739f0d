package dev.breakwater.web.ui.pipeline;

import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.PipelineStatus;
import dev.breakwater.web.ui.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the pipeline page shows of a {@link PipelineStatus}: the processing delay (and whether it is beyond the banner
 * threshold), the catch-up outlook, and the node and lane rows.
 */
public record PipelineView(String delay, boolean behind, String catchUp, List<NodeRow> nodes, List<LaneRow> lanes) {
    public PipelineView {
        nodes = List.copyOf(nodes);
        lanes = List.copyOf(lanes);
    }

    public static PipelineView of(PipelineStatus status, Instant now, Duration threshold) {
        return new PipelineView(
                Durations.human(status.delaySeconds()),
                status.delaySeconds() * 1000 > threshold.toMillis(),
                catchUp(status),
                status.nodes().stream().map(node -> NodeRow.of(node, now)).toList(),
                status.lanes().stream().map(LaneRow::of).toList());
    }

    /** "catching up in about 3 min", "no backlog", or "not catching up" when the backlog is not shrinking. */
    static String catchUp(PipelineStatus status) {
        if (status.catchUpEtaSeconds().isPresent()) {
            return "catching up in about " + Durations.human(status.catchUpEtaSeconds().get());
        }
        long backlog = status.lanes().stream().mapToLong(LaneStatus::backlogRecords).sum();
        return backlog == 0 ? "no backlog" : "not catching up";
    }
}
