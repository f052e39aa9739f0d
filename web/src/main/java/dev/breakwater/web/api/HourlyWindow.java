package dev.breakwater.web.api;

import dev.breakwater.store.TimeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The 24 hours an issue's {@code hourly} series covers: [from, to), where {@code to} is the end of the current
 * (partial) hour, so the last bucket is the hour now running. Immutable.
 */
record HourlyWindow(Instant from, Instant to) {
    static final int HOURS = 24;

    static HourlyWindow endingAt(Instant now) {
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        return new HourlyWindow(currentHour.minus(Duration.ofHours(HOURS - 1)), currentHour.plus(Duration.ofHours(1)));
    }

    /**
     * Exactly {@link #HOURS} buckets, oldest first, zero where the store had no entry: the store lists only hours
     * with events, charts want every hour.
     */
    List<TimeCount> fill(List<TimeCount> counts) {
        long[] totals = new long[HOURS];
        for (TimeCount count : counts) {
            long hour = Duration.between(from, count.start().truncatedTo(ChronoUnit.HOURS)).toHours();
            if (hour >= 0 && hour < HOURS) {
                totals[(int) hour] += count.count();
            }
        }
        List<TimeCount> buckets = new ArrayList<>(HOURS);
        for (int hour = 0; hour < HOURS; hour++) {
            buckets.add(new TimeCount(from.plus(Duration.ofHours(hour)), totals[hour]));
        }
        return buckets;
    }
}
