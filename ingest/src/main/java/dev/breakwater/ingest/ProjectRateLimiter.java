package dev.breakwater.ingest;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per project: {@code ratePerSecond} sustained, {@code burst} at once. Rate 0 admits everything.
 * In memory and lock-free on the hot path (Bucket4j's local buckets); thread-safe.
 */
public final class ProjectRateLimiter {
    private final long ratePerSecond;
    private final long burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ProjectRateLimiter(long ratePerSecond, long burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(burst, ratePerSecond);
    }

    /** 0 when admitted; otherwise the whole seconds (at least 1) until a request would be admitted again. */
    public long tryAcquire(String projectId) {
        if (ratePerSecond == 0) {
            return 0;
        }
        Bucket bucket = buckets.computeIfAbsent(projectId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(ratePerSecond, Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
