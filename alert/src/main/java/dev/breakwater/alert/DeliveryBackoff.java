package dev.breakwater.alert;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a delivery's next attempt: capped exponential back-off with "equal jitter". After failed attempt
 * n (1-based) the wait is between half and all of {@code min(cap, 2 s * 2^(n-1))}, so retries of many deliveries to
 * one channel that came back spread out instead of arriving together. Thread-safe (stateless).
 */
final class DeliveryBackoff {
    static final Duration BASE = Duration.ofSeconds(2);

    private DeliveryBackoff() {}

    static Duration after(int failedAttempts, Duration cap) {
        long capMillis = cap.toMillis();
        long ceiling = BASE.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 30);
        if (ceiling <= 0 || ceiling > capMillis) {
            ceiling = capMillis;
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
