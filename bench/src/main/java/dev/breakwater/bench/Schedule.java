package dev.breakwater.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * When each request of a load run is meant to go out, in {@link System#nanoTime()} terms.
 *
 * <p>Flat out: whenever a connection is free, until the end. Fixed rate (open loop): request {@code i} is due at
 * {@code start + i / rate}, handed to whichever connection asks next; a connection that is late sends at once, and
 * latency is measured from the due time, not the send time, so a stalled server cannot hide its stall by slowing the
 * client down (coordinated omission). Requests still due when the run ends are not sent; they count as missed.
 * Thread-safe.
 */
final class Schedule {

    /** Returned by {@link #next()} once the run is over. */
    static final long DONE = Long.MIN_VALUE;

    private final double ratePerSecond;
    private final long startNanos;
    private final long endNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong tickets = new AtomicLong();

    private Schedule(double ratePerSecond, long startNanos, long endNanos, LongSupplier nanoTime) {
        this.ratePerSecond = ratePerSecond;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.nanoTime = nanoTime;
    }

    static Schedule flatOut(long startNanos, long endNanos, LongSupplier nanoTime) {
        return new Schedule(0, startNanos, endNanos, nanoTime);
    }

    static Schedule fixedRate(double ratePerSecond, long startNanos, long endNanos, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
        return new Schedule(ratePerSecond, startNanos, endNanos, nanoTime);
    }

    boolean fixedRate() {
        return ratePerSecond > 0;
    }

    /** The due time of the caller's next request (possibly in the future: see {@link #awaitUntil}), or {@link #DONE}. */
    long next() {
        long now = nanoTime.getAsLong();
        if (now - endNanos >= 0) {
            return DONE;
        }
        if (ratePerSecond == 0) {
            return now;
        }
        long ticket = tickets.getAndIncrement();
        long due = startNanos + (long) (ticket * 1e9 / ratePerSecond);
        return due - endNanos >= 0 ? DONE : due;
    }

    /** How many requests a fixed-rate run is meant to send over its whole length; 0 when flat out. */
    long dueCount() {
        if (ratePerSecond == 0) {
            return 0;
        }
        return (long) Math.ceil((endNanos - startNanos) / 1e9 * ratePerSecond);
    }

    static void awaitUntil(long dueNanos) {
        long remaining;
        while ((remaining = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
