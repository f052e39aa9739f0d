package dev.breakwater.ingest.sentry;

import dev.breakwater.ingest.Lanes;

/**
 * Where each envelope item type goes: the lane it is spooled in, and the Sentry data category that
 * rate limits and client reports name it by (PROTOCOLS A.5, A.8; the categories follow the mapping
 * Sentry's JavaScript SDK uses). Types are compared exactly, as Relay does. An unknown type is never
 * refused: it travels in the events lane and counts as {@code default}.
 */
public final class ItemRouting {
    private ItemRouting() {}

    /**
     * The lane for items of {@code type}: {@link Lanes#EVENTS}, {@link Lanes#TRANSACTIONS} or
     * {@link Lanes#METRICS}.
     */
    public static String lane(String type) {
        return switch (type) {
            case "transaction",
                    "span",
                    "otel_span",
                    "profile",
                    "profile_chunk",
                    "replay_event",
                    "replay_recording",
                    "replay_video" -> Lanes.TRANSACTIONS;
            case "session", "sessions", "client_report", "check_in", "statsd", "metric_buckets", "metric_meta" ->
                Lanes.METRICS;
            // event, attachment, user_report, feedback, and everything unknown
            default -> Lanes.EVENTS;
        };
    }

    /**
     * The data category for items of {@code type}, as named in {@code X-Sentry-Rate-Limits}. An
     * {@code event} is {@code error}: telling it from {@code default} would need its body, which ingest
     * does not parse.
     */
    public static String dataCategory(String type) {
        return switch (type) {
            case "event" -> "error";
            case "transaction" -> "transaction";
            case "attachment" -> "attachment";
            case "session", "sessions" -> "session";
            case "check_in" -> "monitor";
            case "profile", "profile_chunk" -> "profile";
            case "span", "otel_span" -> "span";
            case "client_report" -> "internal";
            case "replay_event", "replay_recording", "replay_video" -> "replay";
            case "feedback" -> "feedback";
            case "statsd", "metric_buckets" -> "metric_bucket";
            case "log", "otel_log" -> "log_item";
            case "security", "raw_security" -> "security";
            default -> "default";
        };
    }
}
