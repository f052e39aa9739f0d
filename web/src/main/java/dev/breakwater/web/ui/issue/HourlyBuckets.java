package dev.breakwater.web.ui.issue;

import dev.breakwater.store.TimeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of whole hours [from, to) ending with the hour now running, the window of an issue's sparkline (24 hours) and
 * chart (72 hours). The store lists only the hours that had events; {@link #fill} gives every hour. Immutable.
 */
record HourlyBuckets(Instant from, int hours) {
    HourlyBuckets {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1, was " + hours);
        }
    }

    static HourlyBuckets endingAt(Instant now, int hours) {
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        return new HourlyBuckets(currentHour.minus(Duration.ofHours(hours - 1L)), hours);
    }

    /** The end of the window: the end of the hour now running. */
    Instant to() {
        return from.plus(Duration.ofHours(hours));
    }

    /**
     * Exactly {@link #hours} buckets, oldest first, zero where {@code counts} had no entry; counts outside the window
     * are left out and counts that do not start on the hour join the hour they fall in.
     */
    List<TimeCount> fill(List<TimeCount> counts) {
        long[] totals = new long[hours];
        for (TimeCount count : counts) {
            Instant start = count.start();
            if (start.isBefore(from)) {
                continue;
            }
            long hour = Duration.between(from, start).toHours();
            if (hour < hours) {
                totals[(int) hour] += count.count();
            }
        }
        List<TimeCount> buckets = new ArrayList<>(hours);
        for (int hour = 0; hour < hours; hour++) {
            buckets.add(new TimeCount(from.plus(Duration.ofHours(hour)), totals[hour]));
        }
        return buckets;
    }
}
