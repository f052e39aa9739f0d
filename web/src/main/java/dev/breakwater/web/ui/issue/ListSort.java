package dev.breakwater.web.ui.issue;

import dev.breakwater.store.IssueSort;

/** The orders the issue list offers, by their query value ({@code sort=last_seen}), and the store order behind each. */
public enum ListSort {
    LAST_SEEN("last_seen", "Last seen", IssueSort.LAST_SEEN),
    FIRST_SEEN("first_seen", "First seen", IssueSort.FIRST_SEEN),
    EVENTS("events", "Events", IssueSort.COUNT);

    private final String value;
    private final String label;
    private final IssueSort store;

    ListSort(String value, String label, IssueSort store) {
        this.value = value;
        this.label = label;
        this.store = store;
    }

    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    IssueSort store() {
        return store;
    }

    /** @throws IllegalArgumentException (a 400) naming the accepted values */
    static ListSort fromValue(String value) {
        for (ListSort sort : values()) {
            if (sort.value.equals(value)) {
                return sort;
            }
        }
        throw new IllegalArgumentException("sort must be last_seen, first_seen or events, was '" + value + "'");
    }
}
