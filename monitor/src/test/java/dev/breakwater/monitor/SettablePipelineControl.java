package dev.breakwater.monitor;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.pipeline.PipelineStatus;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for a running pipeline: {@link #status()} answers whatever the test set last, so a test can put a lane
 * into any state (retrying, paused, behind) without a spool, consumers and a failing store. Thread-safe.
 */
final class SettablePipelineControl implements PipelineControl {
    private final List<String> lanes;
    private volatile PipelineStatus status;

    SettablePipelineControl(String... lanes) {
        this.lanes = List.of(lanes);
        this.status = new PipelineStatus(0, Optional.empty(), List.of(),
                this.lanes.stream().map(name -> lane(name, LaneState.RUNNING)).toList());
    }

    void set(PipelineStatus status) {
        this.status = status;
    }

    void set(LaneStatus... lanes) {
        double delay = List.of(lanes).stream().mapToDouble(LaneStatus::delaySeconds).max().orElse(0);
        this.status = new PipelineStatus(delay, Optional.empty(), List.of(), List.of(lanes));
    }

    static LaneStatus lane(String name, LaneState state) {
        return lane(name, state, 0, 0, 0, 0);
    }

    static LaneStatus lane(String name, LaneState state, long backlog, double oldestAge, double delay, long quarantined) {
        return new LaneStatus(name, state, backlog, backlog * 2048, oldestAge, delay, 0, 0, quarantined, 1L << 30,
                backlog * 2048, state == LaneState.RETRYING ? Optional.of("store unreachable: connection refused")
                        : Optional.empty());
    }

    @Override
    public PipelineStatus status() {
        return status;
    }

    @Override
    public List<String> lanes() {
        return lanes;
    }

    @Override
    public void pause(String lane) {
        throw new UnsupportedOperationException("the monitor never pauses a lane");
    }

    @Override
    public void resume(String lane) {
        throw new UnsupportedOperationException("the monitor never resumes a lane");
    }

    @Override
    public int replayQuarantine(String lane) {
        throw new UnsupportedOperationException("the monitor never replays a quarantine");
    }
}
