package dev.breakwater.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Event ids as SDKs make them: 128 random bits as 32 lowercase hex digits (a uuid4 without its dashes, and without
 * its fixed version bits, which no store looks at). Two ids of a run collide with a chance of about n²/2¹²⁹: never, at
 * a benchmark's millions. Not thread-safe.
 */
final class RandomEventIds implements EventIds {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final SplittableRandom random;

    RandomEventIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void next(byte[] target) {
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 15; i >= 0; i--) {
            target[i] = HEX[(int) (high & 0xf)];
            target[16 + i] = HEX[(int) (low & 0xf)];
            high >>>= 4;
            low >>>= 4;
        }
    }
}
