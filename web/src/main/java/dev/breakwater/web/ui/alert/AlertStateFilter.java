package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which alerts a list shows, by state: {@code open} (firing and acknowledged, what needs attention), one state, or
 * {@code all}. The wire names are the {@code state} query parameter of {@code /alerts} and {@code /api/v1/alerts}.
 */
public enum AlertStateFilter {
    OPEN("open", "Open"),
    FIRING(AlertRecord.FIRING, "Firing"),
    ACKNOWLEDGED(AlertRecord.ACKNOWLEDGED, "Acknowledged"),
    RESOLVED(AlertRecord.RESOLVED, "Resolved"),
    ALL("all", "All");

    private final String wireName;
    private final String label;

    AlertStateFilter(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** The store states to ask for, one query each; an empty state means every state. */
    public List<Optional<String>> storeStates() {
        return switch (this) {
            case OPEN -> List.of(Optional.of(AlertRecord.FIRING), Optional.of(AlertRecord.ACKNOWLEDGED));
            case ALL -> List.of(Optional.empty());
            default -> List.of(Optional.of(wireName));
        };
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static AlertStateFilter fromWire(String given) {
        String wanted = given.strip().toLowerCase(Locale.ROOT);
        for (AlertStateFilter filter : values()) {
            if (filter.wireName.equals(wanted)) {
                return filter;
            }
        }
        throw new IllegalArgumentException(
                "state must be open, firing, acknowledged, resolved or all, was '" + given + "'");
    }
}
