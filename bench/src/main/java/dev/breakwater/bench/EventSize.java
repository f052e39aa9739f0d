package dev.breakwater.bench;

import java.util.Locale;

/** How big the generated event JSON is: typical errors, or the heavy tail with large breadcrumbs and extra data. */
enum EventSize {
    /** 1–4 KB of event JSON, uniformly spread. */
    REGULAR(1024, 4096),
    /** About 50 KB of event JSON: 100 breadcrumbs and a large {@code extra} section. */
    LARGE(50 * 1024, 52 * 1024);

    final int minBytes;
    final int maxBytes;

    EventSize(int minBytes, int maxBytes) {
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    static EventSize parse(String value) throws UsageException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "regular", "2k" -> REGULAR;
            case "large", "50k" -> LARGE;
            default -> throw new UsageException("--size must be regular or large, was '" + value + "'");
        };
    }
}
