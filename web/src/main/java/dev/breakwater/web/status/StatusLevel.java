package dev.breakwater.web.status;

import java.util.Locale;

/**
 * A component's published status as the page shows it, from best to worst. The wire names are API.md's; the monitor
 * writes them to the store. A name the page does not know counts as {@link #DEGRADED}: something is off, and hiding
 * it as operational would be the worse mistake.
 */
public enum StatusLevel {
    OPERATIONAL("Operational", "All systems operational"),
    DEGRADED("Degraded performance", "Degraded performance"),
    PARTIAL_OUTAGE("Partial outage", "Partial outage"),
    MAJOR_OUTAGE("Major outage", "Major outage");

    private final String label;
    private final String headline;

    StatusLevel(String label, String headline) {
        this.label = label;
        this.headline = headline;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** What the overall banner says. */
    public String headline() {
        return headline;
    }

    /** Classes of the stylesheet's badges: green, amber, red. */
    public String badgeClass() {
        return switch (this) {
            case OPERATIONAL -> "badge lane-state running";
            case DEGRADED -> "badge warning";
            case PARTIAL_OUTAGE, MAJOR_OUTAGE -> "badge error";
        };
    }

    public static StatusLevel fromWire(String wireName) {
        for (StatusLevel level : values()) {
            if (level.wireName().equals(wireName)) {
                return level;
            }
        }
        return DEGRADED;
    }

    public static StatusLevel worst(StatusLevel a, StatusLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
