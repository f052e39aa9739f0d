package dev.breakwater.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Ingest's counters: every request ends in exactly one outcome, counted by endpoint and reason, so refusals are
 * visible rather than silent; records and bytes appended per lane; request latency per endpoint.
 * Meters are cached so the hot path does not look them up by tags each time. Thread-safe.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String endpoint) {
        counter("breakwater.ingest.requests", "endpoint", endpoint, "outcome", "accepted").increment();
    }

    public void refused(String endpoint, DiscardReason reason) {
        counter("breakwater.ingest.requests", "endpoint", endpoint, "outcome", reason.wireName()).increment();
        counter("breakwater.ingest.refusals", "endpoint", endpoint, "reason", reason.wireName()).increment();
    }

    public void appended(String lane, long bytes) {
        counter("breakwater.spool.appended.records", "lane", lane).increment();
        counter("breakwater.spool.appended.bytes", "lane", lane).increment(bytes);
    }

    public void latency(String endpoint, int status, Duration duration) {
        String key = endpoint + '\0' + status;
        timers.computeIfAbsent(key, k -> Timer.builder("breakwater.http.request")
                        .description("ingest request latency, from first byte read to response")
                        .tag("endpoint", endpoint)
                        .tag("status", Integer.toString(status))
                        .publishPercentileHistogram()
                        .register(registry))
                .record(duration);
    }

    /** @param tags alternating names and values */
    private Counter counter(String name, String... tags) {
        String key = name + '\0' + String.join("\0", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
