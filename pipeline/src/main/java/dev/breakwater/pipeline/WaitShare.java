package dev.breakwater.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether one thread spent more than a given share of the time between two looks waiting: the lane's reader asks it of
 * the writer, to tell whether decoding is what holds the lane back. The waiting thread reports with
 * {@link #waited}; one other thread looks with {@link #exceeded}.
 */
final class WaitShare {
    private final double share;
    private final AtomicLong waitedNanos = new AtomicLong();
    /** When, and at what {@link #waitedNanos}, the looking thread last looked: that thread's only. */
    private long lookedAt;
    private long waitedAtLook;

    /** @param share between 0 and 1; {@code startNanos} is the first look's reference point */
    WaitShare(double share, long startNanos) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
        }
        this.share = share;
        this.lookedAt = startNanos;
    }

    /** The waiting thread waited this long. */
    void waited(long nanos) {
        waitedNanos.addAndGet(nanos);
    }

    /** Whether the waiting thread waited more than the share of the time since the previous look (or the start). */
    boolean exceeded(long nowNanos) {
        long waited = waitedNanos.get();
        boolean exceeded = waited - waitedAtLook > share * (nowNanos - lookedAt);
        lookedAt = nowNanos;
        waitedAtLook = waited;
        return exceeded;
    }
}
