package dev.breakwater.pipeline;

import dev.breakwater.store.NodeMark;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one lane consumer has done so far, kept in memory for the status page and metrics: its state and last error,
 * the checkpoint it last committed (offset and marks per node), and counters. Written by the lane's consumer thread
 * (and by pause/resume), read by anyone. Thread-safe.
 */
final class LaneProgress {
    private final String lane;
    private final Map<String, NodeMark> nodes = new ConcurrentHashMap<>();
    private final AtomicLong processedRecords = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong insertedEvents = new AtomicLong();
    private final AtomicLong duplicateEvents = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile LaneState state = LaneState.RUNNING;
    private volatile String lastError;
    private volatile boolean paused;
    private boolean pauseChangedSinceStart; // guarded by this
    private volatile long committedOffset = -1;

    LaneProgress(String lane) {
        this.lane = lane;
    }

    String lane() {
        return lane;
    }

    /**
     * The consumer's start, from the store's checkpoint. Its paused flag was read before this call: a pause or resume
     * that came in since (they write the store first) is newer and stays.
     */
    synchronized void restored(long offset, Map<String, NodeMark> marks, boolean paused) {
        committedOffset = offset;
        nodes.putAll(marks);
        if (!pauseChangedSinceStart) {
            this.paused = paused;
        }
    }

    void committed(long offset, Map<String, NodeMark> marks, int records, int inserted, int duplicates, int quarantinedNow) {
        marks.forEach((node, mark) -> nodes.merge(node, mark, (a, b) -> new NodeMark(
                Math.max(a.lastSeq(), b.lastSeq()), Math.max(a.lastReceivedAtMillis(), b.lastReceivedAtMillis()))));
        committedOffset = offset;
        committedBatches.incrementAndGet();
        processedRecords.addAndGet(records);
        insertedEvents.addAndGet(inserted);
        duplicateEvents.addAndGet(duplicates);
        quarantined.addAndGet(quarantinedNow);
        lastError = null;
        state = paused ? LaneState.PAUSED : LaneState.RUNNING;
    }

    void retrying(String error) {
        lastError = error;
        state = LaneState.RETRYING;
    }

    void running() {
        state = paused ? LaneState.PAUSED : LaneState.RUNNING;
    }

    synchronized void paused(boolean value) {
        pauseChangedSinceStart = true;
        paused = value;
        if (state != LaneState.RETRYING) {
            state = value ? LaneState.PAUSED : LaneState.RUNNING;
        }
    }

    boolean isPaused() {
        return paused;
    }

    LaneState state() {
        return state;
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The next offset to process, or -1 before the consumer has found its checkpoint. */
    long committedOffset() {
        return committedOffset;
    }

    Map<String, NodeMark> nodes() {
        return Map.copyOf(nodes);
    }

    long processedRecords() {
        return processedRecords.get();
    }

    /** Store transactions that applied a batch of this lane since start: records per batch is the ratio. */
    long committedBatches() {
        return committedBatches.get();
    }

    long insertedEvents() {
        return insertedEvents.get();
    }

    long duplicateEvents() {
        return duplicateEvents.get();
    }

    long quarantinedSinceStart() {
        return quarantined.get();
    }
}
