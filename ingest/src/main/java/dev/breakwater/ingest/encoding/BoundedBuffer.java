package dev.breakwater.ingest.encoding;

import dev.breakwater.ingest.IngestException;
import java.util.Arrays;

/**
 * A growable byte array that never grows past its limit and pays for each growth from a
 * {@link BudgetLease} before allocating. Producers write straight into {@link #array()} at
 * {@link #length()}; when it is full they offer one more byte through {@link #tryAppend}, which grows
 * the array or reports that the limit is reached. So capacity only grows once data is known to
 * exist, and a body of exactly the expected size is never copied. Not thread-safe.
 */
final class BoundedBuffer {
    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_GROWTH = 8192;

    private final BudgetLease lease;
    private final int limit;
    private byte[] bytes;
    private int length;

    BoundedBuffer(BudgetLease lease, long initialCapacity, int limit) throws IngestException {
        this.lease = lease;
        this.limit = limit;
        int capacity = (int) Math.max(0, Math.min(initialCapacity, limit));
        lease.acquire(capacity);
        this.bytes = capacity == 0 ? EMPTY : new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    int limit() {
        return limit;
    }

    boolean isFull() {
        return length == bytes.length;
    }

    /** Free bytes after {@link #length()} in the current array. */
    int room() {
        return bytes.length - length;
    }

    /** Counts {@code n} bytes a producer wrote at {@link #length()}. */
    void advance(int n) {
        if (n < 0 || n > room()) {
            throw new IllegalArgumentException("cannot advance by " + n + " with " + room() + " bytes of room");
        }
        length += n;
    }

    /**
     * Appends one byte, growing the array first if it is full.
     *
     * @return false, appending nothing, when the buffer already holds {@link #limit()} bytes
     */
    boolean tryAppend(int b) throws IngestException {
        if (isFull()) {
            if (bytes.length >= limit) {
                return false;
            }
            int capacity = (int) Math.min(limit, Math.max(bytes.length * 2L, bytes.length + (long) MIN_GROWTH));
            lease.acquire(capacity - bytes.length);
            bytes = Arrays.copyOf(bytes, capacity);
        }
        bytes[length++] = (byte) b;
        return true;
    }
}
