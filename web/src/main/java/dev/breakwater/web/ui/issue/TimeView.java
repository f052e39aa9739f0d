package dev.breakwater.web.ui.issue;

import dev.breakwater.web.ui.Durations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as a page shows it: {@code <time datetime="{iso}" title="{title}">{text}</time>}, where the text is
 * relative ("5 min ago") or absolute and the title always absolute.
 */
public record TimeView(String iso, String text, String title) {
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    static TimeView ago(Instant at, Instant now) {
        return new TimeView(at.toString(), Durations.ago(at, now), ABSOLUTE.format(at));
    }

    static TimeView absolute(Instant at) {
        return new TimeView(at.toString(), ABSOLUTE.format(at), ABSOLUTE.format(at));
    }

    /** Time of day to the millisecond, for breadcrumbs that are seconds apart. */
    static TimeView clock(Instant at) {
        return new TimeView(at.toString(), CLOCK.format(at), ABSOLUTE.format(at));
    }
}
