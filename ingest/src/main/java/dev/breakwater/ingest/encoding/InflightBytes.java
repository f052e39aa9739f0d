package dev.breakwater.ingest.encoding;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ByteBudget} of fixed capacity: the bytes of request bodies (wire and decoded buffers,
 * decoder windows) all in-flight requests hold together. Acquisition never waits; an exhausted budget
 * makes the request fail fast with 503 instead of queueing memory.
 *
 * <p>Thread-safe and lock-free (one compare-and-set per acquisition).
 */
public final class InflightBytes implements ByteBudget {
    private final long capacity;
    private final AtomicLong inUse = new AtomicLong();

    /** @param capacity the most bytes all requests may hold at once; at least 1 */
    public InflightBytes(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("in-flight byte capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean tryAcquire(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot acquire a negative number of bytes: " + bytes);
        }
        while (true) {
            long current = inUse.get();
            if (bytes > capacity - current) {
                return false;
            }
            if (inUse.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    @Override
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot release a negative number of bytes: " + bytes);
        }
        long after = inUse.addAndGet(-bytes);
        if (after < 0) {
            inUse.addAndGet(bytes);
            throw new IllegalStateException(
                    "released " + bytes + " bytes but only " + (after + bytes) + " were in use");
        }
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes currently held by requests; a gauge for metrics. */
    public long inUse() {
        return inUse.get();
    }

    @Override
    public String toString() {
        return "InflightBytes[" + inUse.get() + "/" + capacity + "]";
    }
}
