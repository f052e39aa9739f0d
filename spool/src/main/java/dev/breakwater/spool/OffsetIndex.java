package dev.breakwater.spool;

import java.util.Arrays;

/**
 * A sparse, in-memory map from offsets to file positions within one segment: an entry at least every
 * {@value #INTERVAL_BYTES} bytes, so that finding a record means a short walk over frame lengths from the nearest
 * entry before it. Not persisted: the writer fills it as records become durable, recovery as it scans the newest
 * segment, and readers as they seek into or read through an older segment.
 *
 * <p>Invariants: entries only ever describe durable records, and are added in increasing offset order (an entry
 * out of order is ignored), so the covered part is always a prefix of the segment. The first entry is the segment's
 * first record, right after its header.
 *
 * <p>Thread-safe: the writer adds while readers look up and extend.
 */
final class OffsetIndex {

    static final long INTERVAL_BYTES = 32 * 1024;

    /** Where a record starts. */
    record Entry(long offset, long position) {}

    private long[] offsets = new long[16];
    private long[] positions = new long[16];
    private int size;

    OffsetIndex(long baseOffset) {
        offsets[0] = baseOffset;
        positions[0] = SegmentHeader.BYTES;
        size = 1;
    }

    synchronized void maybeAdd(long offset, long position) {
        if (offset <= offsets[size - 1] || position - positions[size - 1] < INTERVAL_BYTES) {
            return;
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        offsets[size] = offset;
        positions[size] = position;
        size++;
    }

    /** The last entry at or before {@code offset}. */
    synchronized Entry floor(long offset) {
        int found = Arrays.binarySearch(offsets, 0, size, offset);
        int index = found >= 0 ? found : Math.max(0, -found - 2);
        return new Entry(offsets[index], positions[index]);
    }
}
