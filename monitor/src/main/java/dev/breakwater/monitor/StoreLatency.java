package dev.breakwater.monitor;

/**
 * The store's round trip ({@code Store.ping()}): whether the last one succeeded, how long it took, and the p99 over the
 * sampler's window of successful pings (NaN before the first). Stands in for pool saturation too: the Store API has no
 * pool figures, but a ping waits for a pooled connection like every query, so waiting acquisitions show up here.
 */
public record StoreLatency(boolean reachable, double lastPingSeconds, double p99PingSeconds) {}
