package dev.breakwater.web.ui.pipeline;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.web.ui.Durations;
import java.util.Optional;

/**
 * One row of the pipeline page's lanes table, formatted for people. {@code error} is the last store error, shown
 * only while the lane is retrying (after it recovers the error is history, not the lane's state).
 */
public record LaneRow(
        String name,
        LaneState state,
        Optional<String> error,
        String backlogRecords,
        String backlogSize,
        String oldestAge,
        String inRate,
        String outRate,
        String disk,
        long quarantined) {

    public static LaneRow of(LaneStatus lane) {
        boolean empty = lane.backlogRecords() == 0;
        return new LaneRow(
                lane.name(),
                lane.state(),
                lane.state() == LaneState.RETRYING ? lane.lastError() : Optional.empty(),
                Figures.count(lane.backlogRecords()),
                Figures.bytes(lane.backlogBytes()),
                empty ? "\u2013" : Durations.human(lane.oldestAgeSeconds()),
                Figures.perSecond(lane.inPerSecond()),
                Figures.perSecond(lane.outPerSecond()),
                lane.diskQuotaBytes() > 0
                        ? Figures.bytes(lane.diskUsedBytes()) + " of " + Figures.bytes(lane.diskQuotaBytes())
                        : Figures.bytes(lane.diskUsedBytes()),
                lane.quarantined());
    }

    /** The state's name as the page and the API show it: running, paused, retrying. */
    public String stateName() {
        return state.wireName();
    }

    public boolean paused() {
        return state == LaneState.PAUSED;
    }
}
