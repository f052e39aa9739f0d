package dev.breakwater.ingest;

/**
 * Why ingest refused a request or an item. The wire names are a contract (metrics labels, the JSON
 * error {@code code}): never rename one, only add.
 */
public enum DiscardReason {
    MISSING_AUTH("missing_auth", 401),
    UNKNOWN_KEY("unknown_key", 401),
    KEY_NOT_FOR_PROJECT("key_not_for_project", 403),
    CONFLICTING_AUTH("conflicting_auth", 400),
    UNKNOWN_PROJECT("unknown_project", 404),
    INVALID_ENVELOPE("invalid_envelope", 400),
    INVALID_JSON("invalid_json", 400),
    INVALID_PAYLOAD("invalid_payload", 422),
    UNSUPPORTED_ENCODING("unsupported_encoding", 415),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    DECOMPRESSION_FAILED("decompression_failed", 400),
    TOO_LARGE("payload_too_large", 413),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    TIMEOUT("request_timeout", 408),
    CLIENT_DISCONNECTED("client_disconnected", 400),
    RATE_LIMITED("rate_limited", 429),
    LANE_FULL("lane_full", 429),
    OVERLOADED("overloaded", 429),
    SHUTTING_DOWN("shutting_down", 503),
    STORAGE_FAILED("storage_failed", 503);

    private final String wireName;
    private final int httpStatus;

    DiscardReason(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
