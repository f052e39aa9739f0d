package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Bounds {@link EnvelopeParser} enforces beyond the body size: header line length, item counts and
 * the largest payload per item type. Defaults follow PROTOCOLS A.10 (Relay's defaults where the
 * sources differ, the recommendation's 100 MiB for attachments); types without an entry are bounded
 * only by the decoded body limit.
 *
 * @param maxHeaderLineBytes longest envelope or item header line, newline excluded (Bugsink: 8 KiB)
 * @param maxItems most items in one envelope
 * @param maxSessionItems most {@code session} plus {@code sessions} items in one envelope (Relay: 100)
 * @param maxPayloadBytes largest payload per item type
 */
public record EnvelopeLimits(
        int maxHeaderLineBytes, int maxItems, int maxSessionItems, Map<String, Integer> maxPayloadBytes) {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private static final EnvelopeLimits DEFAULTS = new EnvelopeLimits(
            8 * KIB,
            1000,
            100,
            Map.ofEntries(
                    Map.entry("event", MIB),
                    Map.entry("transaction", MIB),
                    Map.entry("user_report", MIB),
                    Map.entry("feedback", MIB),
                    Map.entry("replay_event", MIB),
                    Map.entry("statsd", MIB),
                    Map.entry("metric_buckets", MIB),
                    Map.entry("check_in", 100 * KIB),
                    Map.entry("client_report", 100 * KIB),
                    Map.entry("session", 10 * MIB),
                    Map.entry("sessions", 10 * MIB),
                    Map.entry("log", 2 * MIB),
                    Map.entry("otel_log", 2 * MIB),
                    Map.entry("span", 10 * MIB),
                    Map.entry("otel_span", 10 * MIB),
                    Map.entry("replay_recording", 10 * MIB),
                    Map.entry("replay_video", 10 * MIB),
                    Map.entry("profile", 50 * MIB),
                    Map.entry("profile_chunk", 50 * MIB),
                    Map.entry("attachment", 100 * MIB)));

    public EnvelopeLimits {
        if (maxHeaderLineBytes < 2) {
            throw new IllegalArgumentException("max header line bytes must be at least 2, was " + maxHeaderLineBytes);
        }
        if (maxItems < 0) {
            throw new IllegalArgumentException("max items must not be negative, was " + maxItems);
        }
        if (maxSessionItems < 0) {
            throw new IllegalArgumentException("max session items must not be negative, was " + maxSessionItems);
        }
        maxPayloadBytes = Map.copyOf(requireNonNull(maxPayloadBytes, "maxPayloadBytes is null"));
        maxPayloadBytes.forEach((type, max) -> {
            if (max < 0) {
                throw new IllegalArgumentException(
                        "max payload bytes for " + type + " must not be negative, was " + max);
            }
        });
    }

    public static EnvelopeLimits defaults() {
        return DEFAULTS;
    }

    /** The largest payload an item of {@code type} may have. */
    public int maxPayloadBytes(String type) {
        return maxPayloadBytes.getOrDefault(type, Integer.MAX_VALUE);
    }
}
