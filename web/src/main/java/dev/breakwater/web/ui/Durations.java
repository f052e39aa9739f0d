package dev.breakwater.web.ui;

import java.time.Duration;
import java.time.Instant;

/** Short human forms of durations and ages: "42 s", "3 min 5 s", "2 h 10 min", "4 d 3 h". */
public final class Durations {
    private Durations() {}

    public static String human(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + ((s % 3600) / 60) + " min");
        }
        return (s / 86_400) + " d" + ((s % 86_400) / 3600 == 0 ? "" : " " + ((s % 86_400) / 3600) + " h");
    }

    /** "5 min ago" for a past instant; "just now" under a second. */
    public static String ago(Instant then, Instant now) {
        long millis = Duration.between(then, now).toMillis();
        return millis < 1000 ? "just now" : human(millis / 1000.0) + " ago";
    }
}
