package dev.breakwater.ingest;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code Retry-After} of an overload refusal, spread over a few seconds: clients refused in the same second would
 * otherwise all come back in the same second, a second thundering herd as large as the first (the drill
 * {@code thundering-herd} saw 1,858 refusals all told "1").
 */
public final class RetryJitter {
    /** Overload refusals ask clients to wait between 1 and this many seconds. */
    public static final int MAX_OVERLOAD_SECONDS = 5;

    private RetryJitter() {}

    public static long overloadSeconds() {
        return 1 + ThreadLocalRandom.current().nextInt(MAX_OVERLOAD_SECONDS);
    }
}
