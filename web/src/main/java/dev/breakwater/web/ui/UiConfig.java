package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the web UI: the processing delay beyond which every page shows the banner, how often live parts
 * (issue list, banner, pipeline) refresh, how long a sign-in lasts, the lock-out after repeated wrong passwords, and
 * whether cookies are marked {@code Secure} (when the public URL is https).
 */
public record UiConfig(
        Duration delayBannerThreshold,
        Duration refreshInterval,
        Duration sessionLifetime,
        int maxFailedSignIns,
        Duration lockout,
        boolean secureCookies) {
    public UiConfig {
        requireNonNull(delayBannerThreshold, "delayBannerThreshold is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        requireNonNull(sessionLifetime, "sessionLifetime is null");
        requireNonNull(lockout, "lockout is null");
        if (refreshInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("the UI refresh interval must be at least 1s, was " + refreshInterval);
        }
        if (maxFailedSignIns < 1) {
            throw new IllegalArgumentException("max failed sign-ins must be at least 1, was " + maxFailedSignIns);
        }
    }

    public static UiConfig defaults() {
        return new UiConfig(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofDays(7), 5, Duration.ofMinutes(15), false);
    }
}
