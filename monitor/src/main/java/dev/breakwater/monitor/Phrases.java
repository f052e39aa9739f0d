package dev.breakwater.monitor;

import java.time.Duration;
import java.util.Locale;

/** Figures as the monitor's alerts and status reasons say them: {@code 96 %}, {@code 4 ms}, {@code 45 s}, {@code 7 min}, {@code 1,200}. */
final class Phrases {
    private Phrases() {}

    /** Whole percent, rounded down so a figure shown at the threshold has really reached it. */
    static String percent(double ratio) {
        return (long) Math.floor(ratio * 100 + 1e-9) + " %";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "unknown";
        }
        if (seconds < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds).replace(".0 s", " s");
        }
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    static String duration(Duration duration) {
        return duration(duration.toMillis() / 1000.0);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
