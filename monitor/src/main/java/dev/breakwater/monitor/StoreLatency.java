package dev.breakwater.monitor;

/**
 * The store's round trip ({@code Store.ping()}): whether the last one succeeded, how long it took, and the p99 over the
 * sampler's window of successful pings (NaN before the first). A ping waits for a pooled connection like every query,
 * so a saturated pool raises it too; the pool's own figures are {@link HealthSample#storePool()}.
 */
public record StoreLatency(boolean reachable, double lastPingSeconds, double p99PingSeconds) {}
