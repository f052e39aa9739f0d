package dev.breakwater.spool;

import java.io.IOException;

/**
 * A named reader whose position survives restarts. {@link #commit} persists the position (atomically, fsync'd)
 * and lets the lane delete segments every consumer has passed. It starts reading at its committed position.
 *
 * <p>While registered (from its first opening on, across restarts) a consumer holds every record from its committed
 * position on, and from wherever it has sought back to: those segments are not deleted. At most one consumer of a
 * name is open at a time. Not thread-safe.
 */
public interface LaneConsumer extends LaneReader {

    String name();

    /**
     * Everything before {@code nextOffset} is done with. Returns once that is durable.
     *
     * <p>When persisting fails (e.g. the disk is full) this throws, yet the lane still deletes the segments the
     * consumer has passed, which is what frees the room for the retry. After a crash the consumer resumes at its last
     * persisted position or the oldest record left on disk, whichever is later: records may come again, none is lost.
     *
     * @throws IllegalArgumentException when {@code nextOffset} is before the oldest record on disk or after the newest
     */
    void commit(long nextOffset) throws IOException;

    /** The last committed position. */
    long committed();

    /**
     * Moves the read position back (or forward) to an offset still on disk, e.g. to retry after a failure, or past
     * damage ({@link CorruptRecordException#resumeOffset()}).
     *
     * @throws IllegalArgumentException when the offset is no longer, or not yet, on disk
     */
    void seek(long offset) throws IOException;
}
