package dev.breakwater.ingest;

import java.time.Duration;

/**
 * Limits and admission settings of the ingest endpoints.
 *
 * @param maxWireBytes        largest body as sent (compressed)
 * @param maxDecodedBytes     largest body after decompression
 * @param maxInflightBytes    request bytes held in memory across all requests at once
 * @param rateLimitPerSecond  per project sustained requests per second; 0 = unlimited
 * @param rateLimitBurst      per project burst capacity
 * @param bodyTimeout         a body must arrive whole within this time
 * @param maxHeaderBytes      largest header block; larger gets 431
 * @param maxConcurrentRequests requests handled at once; more wait for a slot
 * @param admissionWait       how long a request may wait for a slot before it is refused with 429
 */
public record IngestConfig(
        long maxWireBytes,
        long maxDecodedBytes,
        long maxInflightBytes,
        long rateLimitPerSecond,
        long rateLimitBurst,
        Duration bodyTimeout,
        long maxHeaderBytes,
        int maxConcurrentRequests,
        Duration admissionWait) {

    public IngestConfig {
        requireArgument(maxWireBytes >= 1024, "ingest.max-wire-size must be at least 1KiB, was %s", maxWireBytes);
        requireArgument(
                maxDecodedBytes >= maxWireBytes,
                "ingest.max-decoded-size must be at least ingest.max-wire-size (%s), was %s",
                maxWireBytes,
                maxDecodedBytes);
        requireArgument(
                maxInflightBytes >= maxDecodedBytes,
                "ingest.max-inflight-bytes must be at least ingest.max-decoded-size (%s), was %s",
                maxDecodedBytes,
                maxInflightBytes);
        requireArgument(
                rateLimitPerSecond == 0 || rateLimitBurst >= rateLimitPerSecond,
                "ingest.rate-limit-burst must be at least ingest.rate-limit-per-second (%s), was %s",
                rateLimitPerSecond,
                rateLimitBurst);
        requireArgument(
                maxConcurrentRequests >= 1, "ingest.max-concurrent-requests must be at least 1, was %s", maxConcurrentRequests);
        requireArgument(!admissionWait.isNegative(), "ingest.admission-wait must not be negative, was %s", admissionWait);
        requireArgument(maxHeaderBytes >= 1024, "http.max-header-size must be at least 1KiB, was %s", maxHeaderBytes);
        requireArgument(!bodyTimeout.isNegative() && !bodyTimeout.isZero(), "http.body-timeout must be positive, was %s", bodyTimeout);
    }

    private static void requireArgument(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, args));
        }
    }
}
