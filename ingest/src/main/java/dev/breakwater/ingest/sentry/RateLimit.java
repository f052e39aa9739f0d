package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One quota limit as SDKs read it from {@code X-Sentry-Rate-Limits} (PROTOCOLS A.8): for how long,
 * which data categories (empty means all), at which scope and why.
 *
 * @param retryAfterSeconds how long the SDK should drop matching items
 * @param categories data categories (see {@link ItemRouting#dataCategory}); empty for all
 * @param scope {@code organization}, {@code project} or {@code key}; SDKs ignore it
 * @param reasonCode e.g. {@code quota_exceeded}; SDKs ignore it
 */
public record RateLimit(long retryAfterSeconds, List<String> categories, String scope, Optional<String> reasonCode) {
    public RateLimit {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry-after must not be negative, was " + retryAfterSeconds);
        }
        categories = List.copyOf(requireNonNull(categories, "categories is null"));
        requireNonNull(scope, "scope is null");
        requireNonNull(reasonCode, "reasonCode is null");
        for (String category : categories) {
            requireToken(category, "category");
        }
        requireToken(scope, "scope");
        reasonCode.ifPresent(code -> requireToken(code, "reason code"));
    }

    /** A limit on every category. */
    public static RateLimit all(long retryAfterSeconds, String scope, String reasonCode) {
        return new RateLimit(retryAfterSeconds, List.of(), scope, Optional.of(reasonCode));
    }

    /** The header's separators ({@code , : ;}) and spaces would corrupt the header; only [a-z0-9_] pass. */
    private static void requireToken(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                throw new IllegalArgumentException(what + " '" + value + "' may only hold a-z, 0-9 and _");
            }
        }
    }
}
