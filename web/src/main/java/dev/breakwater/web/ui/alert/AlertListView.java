package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The alert list of one state tab: its rows (newest opened first) and the links of the tabs. */
public record AlertListView(AlertStateFilter filter, List<AlertRow> rows, int limit) {
    public AlertListView {
        requireNonNull(filter, "filter is null");
        rows = List.copyOf(rows);
    }

    public List<AlertStateFilter> tabs() {
        return List.of(AlertStateFilter.values());
    }

    public static String tabUrl(AlertStateFilter tab) {
        return "/alerts?state=" + tab.wireName();
    }

    /** This list's own address, which the live refresh asks for. */
    public String url() {
        return tabUrl(filter);
    }

    /** Whether the list was cut at its limit (there may be older alerts). */
    public boolean full() {
        return rows.size() >= limit;
    }

    public String emptyText() {
        return switch (filter) {
            case OPEN -> "No open alerts: nothing is firing or acknowledged.";
            case FIRING -> "No alert is firing.";
            case ACKNOWLEDGED -> "No alert is acknowledged.";
            case RESOLVED -> "No resolved alerts yet.";
            case ALL -> "No alerts yet. Alerts fire from the projects' alert rules and from Breakwater's own health checks.";
        };
    }
}
