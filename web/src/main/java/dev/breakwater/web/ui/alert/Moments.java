package dev.breakwater.web.ui.alert;

import dev.breakwater.web.ui.Durations;
import dev.breakwater.web.ui.issue.TimeView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants of the alerting pages as {@link TimeView}s: relative text ("5 min ago", "in 55 min"), absolute title. */
final class Moments {
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Moments() {}

    /** Past instants as "5 min ago", future ones (a snooze's end, a retry) as "in 55 min". */
    static TimeView relative(Instant at, Instant now) {
        long millis = Duration.between(now, at).toMillis();
        String text = millis >= 1000 ? "in " + Durations.human(millis / 1000.0) : Durations.ago(at, now);
        return new TimeView(at.toString(), text, ABSOLUTE.format(at));
    }

    static TimeView absolute(Instant at) {
        return new TimeView(at.toString(), ABSOLUTE.format(at), ABSOLUTE.format(at));
    }
}
