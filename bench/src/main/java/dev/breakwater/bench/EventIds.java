package dev.breakwater.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Where a benchmark's event ids come from: 32 lowercase hex digits written into a request or a row, unique within a
 * run. The order matters to the store: sequential ids go to the end of the unique {@code event_id} index, random
 * ones (what SDKs send: uuid4) land anywhere in it. Implementations are not thread-safe.
 */
interface EventIds {

    /** Writes the next id into {@code target[0..32)}. */
    void next(byte[] target);

    /** Writes {@code value} as 16 lowercase hex digits into {@code target[offset..offset + 16)}. */
    static void writeHex(long value, byte[] target, int offset) {
        for (int i = 15; i >= 0; i--) {
            target[offset + i] = Hex.DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    /** Holds the digits out of the interface's public constants. */
    final class Hex {
        private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private Hex() {}
    }

    /** The two orders a benchmark can use, by their command-line names. */
    enum Order {
        /** {@link EventIdSequence}: a random prefix fixed per run, then a counter. */
        SEQUENTIAL,
        /** {@link RandomEventIds}: 128 random bits each, as SDKs' uuid4 ids are. */
        RANDOM;

        EventIds start() {
            long seed = new SecureRandom().nextLong();
            return this == SEQUENTIAL ? new EventIdSequence(seed, 0) : new RandomEventIds(seed);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Order parse(String value) throws UsageException {
            for (Order order : values()) {
                if (order.label().equals(value)) {
                    return order;
                }
            }
            throw new UsageException("--ids takes sequential or random, was '" + value + "'");
        }
    }
}
