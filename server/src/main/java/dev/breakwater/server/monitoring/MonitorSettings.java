package dev.breakwater.server.monitoring;

import static dev.breakwater.server.config.ConfigKeys.*;

import dev.breakwater.monitor.MonitorConfig;
import dev.breakwater.monitor.Thresholds;
import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.ConfigKey;
import dev.breakwater.server.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code monitor.*} settings into self-monitoring's configuration, naming the key when a value is wrong. */
public final class MonitorSettings {
    private MonitorSettings() {}

    /** {@code storeFile} is the SQLite file, empty for PostgreSQL (whose disk is not this machine's to watch). */
    public static MonitorConfig config(Settings settings, Path spoolDir, Optional<Path> storeFile) {
        try {
            Thresholds thresholds = new Thresholds(
                    diskSteps(settings),
                    settings.duration(MONITOR_BACKLOG_AGE),
                    settings.number(MONITOR_BACKLOG_RECORDS),
                    settings.duration(MONITOR_RETRYING_FOR),
                    settings.duration(MONITOR_RETRYING_OUTAGE),
                    settings.duration(MONITOR_QUARANTINE_WINDOW),
                    settings.duration(MONITOR_PROCESSING_DELAY),
                    settings.duration(MONITOR_STORE_PING_P99),
                    count(settings, MONITOR_STORE_POOL_WAITING),
                    settings.duration(MONITOR_STORE_POOL_WAITING_FOR),
                    percent(settings, MONITOR_HEAP_PERCENT),
                    percent(settings, MONITOR_REFUSAL_PERCENT),
                    settings.number(MONITOR_REFUSAL_MIN_REQUESTS),
                    settings.duration(MONITOR_NOTIFICATION_WINDOW),
                    settings.duration(MONITOR_NOTIFICATION_OVERDUE));
            return new MonitorConfig(
                    settings.duration(MONITOR_INTERVAL),
                    thresholds,
                    count(settings, MONITOR_WORSEN_AFTER),
                    count(settings, MONITOR_IMPROVE_AFTER),
                    count(settings, MONITOR_STORE_PING_WINDOW),
                    spoolDir,
                    storeFile);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<Double> diskSteps(Settings settings) {
        List<Double> steps = new ArrayList<>();
        for (String part : settings.text(MONITOR_DISK_USED_PERCENT).split(",")) {
            steps.add(percent(MONITOR_DISK_USED_PERCENT, part.strip()));
        }
        return steps;
    }

    private static double percent(Settings settings, ConfigKey key) {
        return percent(key, settings.text(key));
    }

    private static double percent(ConfigKey key, String text) {
        try {
            double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            if (!(value > 0 && value <= 100)) {
                throw new ConfigException(key.name() + " must be a percentage above 0 and at most 100, was '" + text + "'");
            }
            return value / 100;
        } catch (NumberFormatException e) {
            throw new ConfigException(key.name() + " must be a percentage such as 90, was '" + text + "'");
        }
    }

    private static int count(Settings settings, ConfigKey key) {
        return (int) Math.min(Integer.MAX_VALUE, settings.number(key));
    }
}
