package dev.breakwater.model;

import java.util.Locale;

/**
 * An event's severity as Sentry names it. Peers' words are folded in: Rollbar's {@code critical} is
 * {@link #FATAL}, {@code warn} is {@link #WARNING}, JavaScript's {@code log} is {@link #INFO}, Python logging's
 * numeric levels map to their names. Anything unrecognised is {@link #ERROR}, Sentry's default, so a typo never
 * makes an error look harmless.
 */
enum Level {
    FATAL("fatal"),
    ERROR("error"),
    WARNING("warning"),
    INFO("info"),
    DEBUG("debug");

    private final String wireName;

    Level(String wireName) {
        this.wireName = wireName;
    }

    /** The lowercase name written into events and the API. */
    String wireName() {
        return wireName;
    }

    static Level parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "fatal", "critical", "crit", "emergency", "emerg", "alert" -> FATAL;
            case "warning", "warn" -> WARNING;
            case "info", "information", "informational", "log", "notice" -> INFO;
            case "debug", "trace", "verbose" -> DEBUG;
            default -> ERROR;
        };
    }

    /** Python logging's numbers: 50 critical, 40 error, 30 warning, 20 info, 10 debug. */
    static Level fromNumber(long number) {
        if (number >= 50) {
            return FATAL;
        }
        if (number >= 40) {
            return ERROR;
        }
        if (number >= 30) {
            return WARNING;
        }
        if (number >= 20) {
            return INFO;
        }
        return DEBUG;
    }

    static boolean isWireName(String text) {
        for (Level level : values()) {
            if (level.wireName.equals(text)) {
                return true;
            }
        }
        return false;
    }
}
