package dev.breakwater.ingest.sentry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code X-Sentry-Rate-Limits} header (PROTOCOLS A.8):
 *
 * <pre>
 * X-Sentry-Rate-Limits: 60:transaction:key, 2700:default;error;security:organization:quota_exceeded
 * limit = retry_after ":" categories ":" scope [ ":" reason_code [ ":" namespaces ... ] ]
 * </pre>
 *
 * Categories are {@code ;}-separated, empty meaning all; limits are joined by {@code ", "} as Relay
 * does. Stateless and thread-safe.
 */
public final class RateLimitHeader {
    public static final String NAME = "X-Sentry-Rate-Limits";

    private RateLimitHeader() {}

    /** The header value for {@code limits}, e.g. {@code 60::project:rate_limited}. */
    public static String format(List<RateLimit> limits) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a rate-limit header needs at least one limit");
        }
        StringBuilder header = new StringBuilder(32 * limits.size());
        for (RateLimit limit : limits) {
            if (!header.isEmpty()) {
                header.append(", ");
            }
            header.append(limit.retryAfterSeconds()).append(':');
            header.append(String.join(";", limit.categories())).append(':');
            header.append(limit.scope());
            limit.reasonCode().ifPresent(code -> header.append(':').append(code));
        }
        return header.toString();
    }

    /** The {@code Retry-After} seconds to send with {@code limits}: the longest, as SDKs apply it. */
    public static long retryAfterSeconds(List<RateLimit> limits) {
        return limits.stream().mapToLong(RateLimit::retryAfterSeconds).max().orElse(0);
    }

    /**
     * Parses a header value as SDKs read it: fractional seconds round up, and fields after the reason
     * code (namespaces, future ones) are ignored. For tests, and for a relay reading its upstream.
     *
     * @throws IllegalArgumentException for a limit without seconds or scope
     */
    public static List<RateLimit> parse(String value) {
        List<RateLimit> limits = new ArrayList<>();
        for (String raw : value.split(",")) {
            String limit = raw.strip();
            if (limit.isEmpty()) {
                continue;
            }
            String[] fields = limit.split(":", -1);
            if (fields.length < 3) {
                throw new IllegalArgumentException("rate limit '" + limit + "' needs retry_after:categories:scope");
            }
            long seconds;
            try {
                seconds = (long) Math.ceil(Double.parseDouble(fields[0]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate limit '" + limit + "' has no number of seconds", e);
            }
            List<String> categories = fields[1].isEmpty()
                    ? List.of()
                    : Arrays.stream(fields[1].split(";"))
                            .filter(c -> !c.isEmpty())
                            .toList();
            Optional<String> reason =
                    fields.length > 3 && !fields[3].isEmpty() ? Optional.of(fields[3]) : Optional.empty();
            limits.add(new RateLimit(seconds, categories, fields[2], reason));
        }
        return limits;
    }
}
