package dev.breakwater.pipeline;

import java.util.ArrayDeque;

/**
 * Per-second rates of two ever-growing counters (records appended to a lane, records it processed) over the last
 * ten seconds, from samples taken about once a second. Short on purpose: the catch-up ETA divides by these rates, and
 * a window that still holds a pause (out rate 0) would report no ETA, then a wildly long one, for most of a minute
 * after the lane resumed. Thread-safe (synchronised; sampled once a second, read rarely).
 *
 * <p>After it is created or {@link #reset}, the window starts at the first sample that shows the lane processing
 * something. Before that the lane is starting (opening its spool reader, decoding and writing its first batch, with
 * the JIT still cold after a restart). Counted as drain time, that second or so lengthens an ETA taken soon after: in
 * a benchmark's catch-up after a 10-minute pause the ETA 6 s after resume was 755 s, the drain then took 620 s, and
 * the same samples with the start-up left out give 678 s.
 */
final class RateWindow {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private record Sample(long nanos, long in, long out, boolean restored) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** True from creation or reset until a sample shows the out counter moving. */
    private boolean starting = true;

    /**
     * @param out      records processed: the consumer's checkpoint offset once {@code restored}, before that the
     *                 spool's slowest consumer position (the lane's consumer has not read the store's checkpoint yet)
     * @param restored whether {@code out} is the consumer's own checkpoint
     */
    synchronized void sample(long nanos, long in, long out, boolean restored) {
        Sample last = samples.peekLast();
        if (last != null && last.restored() != restored) {
            samples.clear(); // out moved from the spool's position to the store's checkpoint: not records processed
        } else if (starting && restored && last != null && out != last.out()) {
            // the first batch landed: the drain rate is measured from here, the start-up before it left out
            samples.clear();
            starting = false;
        }
        samples.addLast(new Sample(nanos, in, out, restored));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /** Forgets the samples, e.g. when a paused lane resumes: its out rate while paused says nothing about the drain. */
    synchronized void reset() {
        samples.clear();
        starting = true;
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
