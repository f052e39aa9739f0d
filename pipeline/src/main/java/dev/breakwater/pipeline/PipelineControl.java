package dev.breakwater.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * What operators (the read API, the UI) may see and do with the running pipeline. Thread-safe.
 */
public interface PipelineControl {

    /** Delay, nodes and lanes right now, as {@code GET /api/v1/pipeline} shows them. */
    PipelineStatus status();

    /** The lane names, in a stable order. */
    List<String> lanes();

    /** Stops the lane's consumer after its current batch; persisted, so it stays paused across restarts. */
    void pause(String lane) throws PipelineException;

    void resume(String lane) throws PipelineException;

    /**
     * Appends every quarantined record of the lane back to the lane's spool (as new records with their original
     * header fields) and removes them from the quarantine. Returns how many were re-queued.
     */
    int replayQuarantine(String lane) throws PipelineException, IOException;
}
