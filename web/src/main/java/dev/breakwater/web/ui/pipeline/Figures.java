package dev.breakwater.web.ui.pipeline;

import java.util.Locale;

/**
 * Short human forms of the pipeline's figures: sizes in binary units ("1.5 KiB", "320 MiB"), rates ("3.5/s",
 * "1,200/s") and counts with thousands separators ("12,345"). Locale-independent, so pages read the same everywhere.
 */
public final class Figures {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Figures() {}

    /** Bytes below 1 KiB as they are; above, one decimal under 10 and whole numbers from there. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return Math.max(0, bytes) + " B";
        }
        double value = bytes / 1024.0;
        int unit = 0;
        // move up a unit whenever this one would print as 1024 or more
        while (value >= 1023.5 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return decimal(value) + " " + UNITS[unit];
    }

    /** A per-second rate; anything above zero but below 0.1 says so rather than printing a misleading 0. */
    public static String perSecond(double rate) {
        if (!(rate > 0)) {
            return "0/s";
        }
        if (rate < 0.05) {
            return "<0.1/s";
        }
        return decimal(rate) + "/s";
    }

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String decimal(double value) {
        return value < 9.95
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,d", Math.round(value));
    }
}
