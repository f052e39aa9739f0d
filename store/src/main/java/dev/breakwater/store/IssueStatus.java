package dev.breakwater.store;

import java.util.Locale;

/** An issue's triage status; wire names are the lowercase constant names. */
public enum IssueStatus {
    UNRESOLVED,
    RESOLVED,
    IGNORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static IssueStatus fromWire(String value) {
        for (IssueStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be unresolved, resolved or ignored, was '" + value + "'");
    }
}
