package dev.breakwater.bench;

import java.util.SplittableRandom;

/**
 * Event ids as SDKs make them: 128 random bits as 32 lowercase hex digits (a uuid4 without its dashes, and without
 * its fixed version bits, which no store looks at). Two ids of a run collide with a chance of about n²/2¹²⁹: never, at
 * a benchmark's millions. Not thread-safe.
 */
final class RandomEventIds implements EventIds {

    private final SplittableRandom random;

    RandomEventIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void next(byte[] target) {
        EventIds.writeHex(random.nextLong(), target, 0);
        EventIds.writeHex(random.nextLong(), target, 16);
    }
}
