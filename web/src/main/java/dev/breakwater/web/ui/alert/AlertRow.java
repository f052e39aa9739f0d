package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.web.ui.issue.TimeView;
import java.time.Instant;
import java.util.Optional;

/** One line of the alert list: the alert, the name of its project ("Breakwater" for internal alerts) and its times. */
public record AlertRow(
        AlertRecord alert, String project, TimeView opened, TimeView lastNotified, Optional<TimeView> snoozeUntil) {

    static AlertRow of(AlertRecord alert, String project, Instant now) {
        return new AlertRow(alert, project, Moments.relative(alert.openedAt(), now),
                Moments.relative(alert.lastNotifiedAt(), now),
                alert.state().equals(AlertRecord.ACKNOWLEDGED)
                        ? alert.snoozeUntil().map(until -> Moments.relative(until, now))
                        : Optional.empty());
    }
}
