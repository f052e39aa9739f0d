package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Outcome counts and latency histograms of one phase of a load run, shared by all connections.
 * Latencies are microseconds in HdrHistograms (3 significant digits, up to one hour; longer values are clamped and
 * show as the maximum). Acknowledged requests (200) and refusals have separate histograms: a fast 429 must not make
 * the ack latency look good. Thread-safe.
 */
final class LatencyRecorder {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Histogram accepted = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram refused = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram service = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acceptedCount = new LongAdder();
    private final LongAdder refused429 = new LongAdder();
    private final LongAdder refused429WithRetryAfter = new LongAdder();
    private final LongAdder refused503 = new LongAdder();
    private final Map<Integer, LongAdder> otherStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Counts a request as sent; every sent request later ends in exactly one {@link #response} or {@link #error}. */
    void sent() {
        sent.increment();
    }

    void response(HttpResponse response, long latencyNanos) {
        response(response, latencyNanos, latencyNanos);
    }

    /**
     * @param latencyNanos from when the request was due (open loop) or sent (flat out) to the response
     * @param serviceNanos from when the request was actually written to the response: the server's share alone, which
     *                     tells a queueing server from a client that fell behind its schedule
     */
    void response(HttpResponse response, long latencyNanos, long serviceNanos) {
        long micros = clampMicros(latencyNanos);
        service.recordValue(clampMicros(serviceNanos));
        int status = response.status();
        if (status >= 200 && status < 300) {
            acceptedCount.increment();
            accepted.recordValue(micros);
            return;
        }
        refused.recordValue(micros);
        if (status == 429) {
            refused429.increment();
            if (response.retryAfter()) {
                refused429WithRetryAfter.increment();
            }
        } else if (status == 503) {
            refused503.increment();
        } else {
            otherStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    private static long clampMicros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /** A request that got no response: connection refused or reset, timeout, malformed response. */
    void error(Exception error) {
        errors.computeIfAbsent(error.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    long sentCount() {
        return sent.sum();
    }

    long acceptedCount() {
        return acceptedCount.sum();
    }

    long refused429Count() {
        return refused429.sum();
    }

    long refused429WithRetryAfterCount() {
        return refused429WithRetryAfter.sum();
    }

    long refused503Count() {
        return refused503.sum();
    }

    long otherStatusCount() {
        return otherStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Histogram acceptedLatencies() {
        return accepted.copy();
    }

    Histogram refusedLatencies() {
        return refused.copy();
    }

    /** Every response, from the moment its request was written. */
    Histogram serviceLatencies() {
        return service.copy();
    }

    /** Counts (not histograms) as JSON, with rates over {@code seconds}. */
    ObjectNode countsJson(double seconds) {
        ObjectNode json = JSON.createObjectNode();
        json.put("sent", sentCount());
        json.put("accepted", acceptedCount());
        json.put("refused429", refused429Count());
        json.put("refused429WithRetryAfter", refused429WithRetryAfterCount());
        json.put("refused503", refused503Count());
        ObjectNode other = json.putObject("otherStatus");
        new TreeMap<>(otherStatus).forEach((status, count) -> other.put(Integer.toString(status), count.sum()));
        ObjectNode errorsJson = json.putObject("errors");
        new TreeMap<>(errors).forEach((name, count) -> errorsJson.put(name, count.sum()));
        if (seconds > 0) {
            json.put("seconds", round(seconds, 3));
            json.put("sentPerSecond", round(sentCount() / seconds, 1));
            json.put("acceptedPerSecond", round(acceptedCount() / seconds, 1));
            json.put("refusedPerSecond", round((sentCount() - acceptedCount()) / seconds, 1));
        }
        return json;
    }

    /** p50/p90/p99/p99.9/max/mean in milliseconds, or just the count when empty. */
    static ObjectNode percentilesJson(Histogram histogram) {
        ObjectNode json = JSON.createObjectNode();
        json.put("count", histogram.getTotalCount());
        if (histogram.getTotalCount() > 0) {
            json.put("p50", millis(histogram.getValueAtPercentile(50)));
            json.put("p90", millis(histogram.getValueAtPercentile(90)));
            json.put("p99", millis(histogram.getValueAtPercentile(99)));
            json.put("p999", millis(histogram.getValueAtPercentile(99.9)));
            json.put("max", millis(histogram.getMaxValue()));
            json.put("mean", round(histogram.getMean() / 1000.0, 3));
        }
        return json;
    }

    private static double millis(long micros) {
        return round(micros / 1000.0, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
