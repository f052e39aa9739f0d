package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the monitor samples and when it speaks up.
 *
 * @param interval         time between samples ({@code monitor.interval}, 5 s)
 * @param thresholds       where conditions start ({@code monitor.*}, see {@link Thresholds})
 * @param worsenAfter      consecutive samples a worse status must hold before the status page shows it
 *                         ({@code monitor.worsen-after}, 2)
 * @param improveAfter     consecutive samples a better status must hold ({@code monitor.improve-after}, 6)
 * @param storePingWindow  store pings the latency p99 is taken over ({@code monitor.store-ping-window}, 120: ten
 *                         minutes at the default interval)
 * @param spoolDir         the spool's directory, whose filesystem is watched
 * @param storeFile        the SQLite file, whose filesystem is watched; empty for PostgreSQL (its disk is the
 *                         database server's to watch)
 */
public record MonitorConfig(
        Duration interval,
        Thresholds thresholds,
        int worsenAfter,
        int improveAfter,
        int storePingWindow,
        Path spoolDir,
        Optional<Path> storeFile) {

    public MonitorConfig {
        requireNonNull(interval, "interval is null");
        requireNonNull(thresholds, "thresholds is null");
        requireNonNull(spoolDir, "spoolDir is null");
        requireNonNull(storeFile, "storeFile is null");
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("monitor.interval must be at least 100ms, was " + interval);
        }
        if (worsenAfter < 1) {
            throw new IllegalArgumentException("monitor.worsen-after must be at least 1, was " + worsenAfter);
        }
        if (improveAfter < 1) {
            throw new IllegalArgumentException("monitor.improve-after must be at least 1, was " + improveAfter);
        }
        if (storePingWindow < 1) {
            throw new IllegalArgumentException("monitor.store-ping-window must be at least 1, was " + storePingWindow);
        }
    }

    public static MonitorConfig defaults(Path spoolDir, Optional<Path> storeFile) {
        return new MonitorConfig(Duration.ofSeconds(5), Thresholds.defaults(), 2, 6, 120, spoolDir, storeFile);
    }
}
