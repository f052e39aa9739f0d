package dev.breakwater.pipeline;

import java.util.ArrayDeque;

/**
 * Per-second rates of two ever-growing counters (records appended to a lane, records it processed) over the last
 * ten seconds, from samples taken about once a second. Short on purpose: the catch-up ETA divides by these rates, and
 * a window that still holds a pause (out rate 0) would report no ETA, then a wildly long one, for most of a minute
 * after the lane resumed. Thread-safe (synchronised; sampled once a second, read rarely).
 */
final class RateWindow {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private record Sample(long nanos, long in, long out) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    synchronized void sample(long nanos, long in, long out) {
        samples.addLast(new Sample(nanos, in, out));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /** Forgets the samples, e.g. when a paused lane resumes: its out rate while paused says nothing about the drain. */
    synchronized void reset() {
        samples.clear();
    }

    synchronized double inPerSecond() {
        return rate(true);
    }

    synchronized double outPerSecond() {
        return rate(false);
    }

    private double rate(boolean in) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        if (seconds <= 0) {
            return 0;
        }
        long delta = in ? last.in() - first.in() : last.out() - first.out();
        return Math.max(0, delta) / seconds;
    }
}
