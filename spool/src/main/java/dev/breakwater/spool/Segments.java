package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lane's segments in offset order, the last of them the active one.
 *
 * <p>Invariants: contiguous, each segment's end is the next one's base offset; the writer appends only to the active
 * segment; only whole sealed segments are deleted, oldest first, so what is on disk is always a suffix of the log.
 * {@link #diskUsedBytes} is the sum of the segments' durable sizes.
 *
 * <p>Threading: changes of the set (roll, delete) and the lookups that open a reader on a segment are synchronized
 * on this object, so a reader never opens a file being deleted. Everything else is read without locking: the
 * active segment and the oldest offset are volatile, disk usage is atomic.
 */
final class Segments {

    private final String lane;
    private final Path directory;
    private final ChannelFactory channels;
    private final NavigableMap<Long, Segment> byBaseOffset = new TreeMap<>(); // guarded by this
    private final AtomicLong diskUsedBytes = new AtomicLong();
    private volatile Segment active;
    private volatile long oldestOffset;

    /** @param segments the lane's segments in offset order, the last of them open for appends */
    Segments(String lane, Path directory, List<Segment> segments, ChannelFactory channels) {
        this.lane = requireNonNull(lane, "lane is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.channels = requireNonNull(channels, "channels is null");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a lane has at least its active segment");
        }
        for (Segment segment : segments) {
            byBaseOffset.put(segment.baseOffset(), segment);
            diskUsedBytes.addAndGet(segment.durableSize());
        }
        this.active = segments.getLast();
        this.oldestOffset = segments.getFirst().baseOffset();
    }

    Segment active() {
        return active;
    }

    /** The oldest offset still on disk. */
    long oldestOffset() {
        return oldestOffset;
    }

    /** The offset the next durable record will get. */
    long nextOffset() {
        return active.durableNextOffset();
    }

    long diskUsedBytes() {
        return diskUsedBytes.get();
    }

    /** Accounts for bytes the writer has made durable. */
    void grew(long bytes) {
        diskUsedBytes.addAndGet(bytes);
    }

    /** Starts a new active segment after the current one, which is complete and forced. Writer thread only. */
    Segment roll(SegmentHeader header) throws IOException {
        // Cut to its last record before the next segment exists: recovery takes a segment with a successor as
        // complete to its end, so zeros written ahead must not outlive a crash there.
        active.trimPreallocated();
        // Created and forced outside the lock: readers and deletion need not wait for two fsyncs.
        Segment next = Segment.create(lane, directory, header, channels);
        diskUsedBytes.addAndGet(SegmentHeader.BYTES);
        synchronized (this) {
            Segment previous = active;
            byBaseOffset.put(next.baseOffset(), next);
            active = next;
            previous.seal();
        }
        return next;
    }

    /** A reader on the record at {@code offset}: the segment holding it and a channel of the reader's own. */
    record Opened(Segment segment, FileChannel channel) {}

    synchronized Opened open(long offset) throws IOException {
        if (offset < oldestOffset) {
            throw new IOException(String.format(
                    "lane %s no longer holds offset %d: the segment was deleted, the oldest record is now %d",
                    lane,
                    offset,
                    oldestOffset));
        }
        Segment segment = byBaseOffset.floorEntry(offset).getValue();
        return new Opened(segment, segment.openReadChannel());
    }

    /** Deletes the sealed segments that end at or before {@code offset}, oldest first. */
    synchronized void deleteBefore(long offset) throws IOException {
        while (byBaseOffset.size() > 1) {
            Segment oldest = byBaseOffset.firstEntry().getValue();
            if (oldest == active || oldest.durableNextOffset() > offset) {
                return;
            }
            oldest.delete();
            byBaseOffset.pollFirstEntry();
            diskUsedBytes.addAndGet(-oldest.durableSize());
            oldestOffset = byBaseOffset.firstKey();
        }
    }

    /** The segment files, oldest first: for tests and tools. */
    synchronized List<Path> files() {
        return byBaseOffset.values().stream().map(Segment::file).toList();
    }

    /** Closes the active segment's channel. Everything in it was forced already. */
    synchronized void close() {
        active.close();
    }
}
