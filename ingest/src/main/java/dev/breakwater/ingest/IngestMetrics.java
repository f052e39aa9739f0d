package dev.breakwater.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Ingest's counters: every request ends in exactly one outcome, counted by endpoint and reason, so refusals are
 * visible rather than silent; records and bytes appended per lane; request latency per endpoint and status.
 *
 * <p>Meters are resolved once per endpoint or lane and kept, so a request costs one map lookup here, not a registry
 * search by tags. Thread-safe.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LaneMeters> lanes = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String endpoint) {
        endpoint(endpoint).accepted.increment();
    }

    public void refused(String endpoint, DiscardReason reason) {
        EndpointMeters meters = endpoint(endpoint);
        meters.outcome(reason).increment();
        meters.refusal(reason).increment();
    }

    public void appended(String lane, long bytes) {
        LaneMeters meters = lanes.computeIfAbsent(lane, LaneMeters::new);
        meters.records.increment();
        meters.bytes.increment(bytes);
    }

    public void latency(String endpoint, int status, Duration duration) {
        endpoint(endpoint).latency(status).record(duration);
    }

    private EndpointMeters endpoint(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, EndpointMeters::new);
    }

    private final class EndpointMeters {
        private final String endpoint;
        private final Counter accepted;
        private final AtomicReferenceArray<Counter> outcomes = new AtomicReferenceArray<>(DiscardReason.values().length);
        private final AtomicReferenceArray<Counter> refusals = new AtomicReferenceArray<>(DiscardReason.values().length);
        private final ConcurrentMap<Integer, Timer> latencies = new ConcurrentHashMap<>();

        EndpointMeters(String endpoint) {
            this.endpoint = endpoint;
            this.accepted = Counter.builder("breakwater.ingest.requests")
                    .description("ingest requests by outcome")
                    .tags("endpoint", endpoint, "outcome", "accepted")
                    .register(registry);
        }

        // Racing threads may both register a refusal meter: the registry hands both the same one.
        Counter outcome(DiscardReason reason) {
            Counter counter = outcomes.get(reason.ordinal());
            if (counter == null) {
                counter = Counter.builder("breakwater.ingest.requests")
                        .tags("endpoint", endpoint, "outcome", reason.wireName())
                        .register(registry);
                outcomes.set(reason.ordinal(), counter);
            }
            return counter;
        }

        Counter refusal(DiscardReason reason) {
            Counter counter = refusals.get(reason.ordinal());
            if (counter == null) {
                counter = Counter.builder("breakwater.ingest.refusals")
                        .description("ingest requests refused, by reason")
                        .tags("endpoint", endpoint, "reason", reason.wireName())
                        .register(registry);
                refusals.set(reason.ordinal(), counter);
            }
            return counter;
        }

        Timer latency(int status) {
            return latencies.computeIfAbsent(status, s -> Timer.builder("breakwater.http.request")
                    .description("ingest request latency, from routing to response")
                    .tags("endpoint", endpoint, "status", Integer.toString(s))
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    private final class LaneMeters {
        private final Counter records;
        private final Counter bytes;

        LaneMeters(String lane) {
            this.records = Counter.builder("breakwater.spool.appended.records")
                    .description("records made durable, per lane")
                    .tag("lane", lane)
                    .register(registry);
            this.bytes = Counter.builder("breakwater.spool.appended.bytes")
                    .description("body bytes made durable, per lane")
                    .tag("lane", lane)
                    .register(registry);
        }
    }
}
