package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The store's round trip ({@code Store.ping()}): whether the last one succeeded, how long it took, and the p99 over the
 * sampler's window of successful pings (NaN before the first). A ping waits for a pooled connection like every query,
 * so a saturated pool raises it too; the pool's own figures are {@link HealthSample#storePool()}.
 *
 * @param failure why the last ping failed, in the store's words: a database that is down and a pool that had no
 *                connection free within {@code store.acquisition-timeout} both fail it, and only this tells them apart
 */
public record StoreLatency(boolean reachable, double lastPingSeconds, double p99PingSeconds, Optional<String> failure) {
    public StoreLatency {
        requireNonNull(failure, "failure is null");
    }
}
