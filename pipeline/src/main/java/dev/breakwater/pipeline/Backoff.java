package dev.breakwater.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with "equal jitter": after failure n the wait is between half and all of
 * {@code min(max, initial * 2^n)}, so a lane never hammers a store that is down and never waits longer than the cap
 * once it is back. Not thread-safe: one per lane consumer.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The wait before the next attempt, counting this failure. */
    Duration next() {
        long ceiling = initialNanos << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        failures++;
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void reset() {
        failures = 0;
    }
}
