package dev.breakwater.monitor;

import java.util.Locale;

/**
 * How a status-page component is doing, from best to worst; the wire names ({@code operational}, {@code degraded},
 * {@code partial_outage}, {@code major_outage}) are API.md's and never change.
 */
public enum ComponentStatus {
    OPERATIONAL,
    DEGRADED,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For people: {@code partial outage}. */
    public String label() {
        return wireName().replace('_', ' ');
    }

    public boolean isWorseThan(ComponentStatus other) {
        return compareTo(other) > 0;
    }

    public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
        return a.isWorseThan(b) ? a : b;
    }

    /** The status with this wire name; throws {@link IllegalArgumentException} for anything else. */
    public static ComponentStatus fromWire(String wireName) {
        for (ComponentStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown component status '" + wireName + "'");
    }
}
