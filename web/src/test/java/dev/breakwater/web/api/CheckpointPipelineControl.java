package dev.breakwater.web.api;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.NodeDelay;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.pipeline.PipelineException;
import dev.breakwater.pipeline.PipelineStatus;
import dev.breakwater.store.LaneCheckpoint;
import dev.breakwater.store.NodeMark;
import dev.breakwater.store.QuarantinedRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pipeline without consumers or spool, for the read API's tests: lanes, pause flags, node marks and quarantine
 * counts come from a real store's checkpoints; backlog, rates and disk use are zero because nothing is queued.
 * Replaying moves quarantined records into {@link #requeued()}, which stands in for the spool. Thread-safe.
 */
public final class CheckpointPipelineControl implements PipelineControl {
    private final Store store;
    private final List<String> lanes;
    private final List<QuarantinedRecord> requeued = new CopyOnWriteArrayList<>();

    public CheckpointPipelineControl(Store store, List<String> lanes) {
        this.store = store;
        this.lanes = List.copyOf(lanes);
    }

    List<QuarantinedRecord> requeued() {
        return List.copyOf(requeued);
    }

    @Override
    public PipelineStatus status() {
        try {
            List<LaneStatus> statuses = new ArrayList<>();
            Map<String, NodeDelay> nodes = new TreeMap<>();
            for (String lane : lanes) {
                Optional<LaneCheckpoint> checkpoint = store.checkpoint(lane);
                boolean paused = checkpoint.map(LaneCheckpoint::paused).orElse(false);
                statuses.add(new LaneStatus(lane, paused ? LaneState.PAUSED : LaneState.RUNNING, 0, 0, 0, 0, 0, 0,
                        store.quarantineCount(lane), 0, 0, Optional.empty()));
                for (Map.Entry<String, NodeMark> mark : checkpoint.map(LaneCheckpoint::nodes).orElse(Map.of()).entrySet()) {
                    Instant processed = Instant.ofEpochMilli(mark.getValue().lastReceivedAtMillis());
                    nodes.merge(mark.getKey(),
                            new NodeDelay(mark.getKey(), Optional.of(processed), Optional.of(processed), 0),
                            (a, b) -> a.lastReceivedAt().get().isAfter(b.lastReceivedAt().get()) ? a : b);
                }
            }
            return new PipelineStatus(0, Optional.empty(), List.copyOf(nodes.values()), statuses);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> lanes() {
        return lanes;
    }

    @Override
    public void pause(String lane) throws PipelineException {
        setPaused(lane, true);
    }

    @Override
    public void resume(String lane) throws PipelineException {
        setPaused(lane, false);
    }

    private void setPaused(String lane, boolean paused) throws PipelineException {
        requireLane(lane);
        try {
            store.setPaused(lane, paused);
        } catch (StoreException e) {
            throw new PipelineException("the store failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public int replayQuarantine(String lane) throws PipelineException {
        requireLane(lane);
        try {
            List<QuarantinedRecord> records = store.quarantine(lane, 1000);
            requeued.addAll(records);
            store.deleteQuarantined(lane, records.stream().map(QuarantinedRecord::id).toList());
            return records.size();
        } catch (StoreException e) {
            throw new PipelineException("the store failed: " + e.getMessage(), false, e);
        }
    }

    private void requireLane(String lane) throws PipelineException {
        if (!lanes.contains(lane)) {
            throw new PipelineException("there is no lane '" + lane + "'", true, null);
        }
    }
}
