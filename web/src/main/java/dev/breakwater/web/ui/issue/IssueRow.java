package dev.breakwater.web.ui.issue;

import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueStatus;
import java.time.Instant;

/** One row of the issue list: the issue, its last 24 hours as a sparkline, and its first and last sighting. */
public record IssueRow(IssueRecord issue, Sparkline sparkline, TimeView firstSeen, TimeView lastSeen) {
    static final int SPARKLINE_HOURS = 24;

    static IssueRow of(IssueRecord issue, Sparkline sparkline, Instant now) {
        return new IssueRow(issue, sparkline, TimeView.ago(issue.firstSeen(), now), TimeView.ago(issue.lastSeen(), now));
    }

    /** Came back after it was resolved, and nobody has triaged it since. */
    public boolean regressed() {
        return issue.regressedAt().isPresent() && issue.status() == IssueStatus.UNRESOLVED;
    }

    /** The id of the row's checkbox, stable across refreshes so a refresh keeps what was ticked. */
    public String checkboxId() {
        return "select-issue-" + issue.id();
    }
}
