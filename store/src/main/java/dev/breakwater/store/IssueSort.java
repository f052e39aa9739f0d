package dev.breakwater.store;

/** Orders of the issue list, all descending (newest or biggest first); ties broken by issue id, descending. */
public enum IssueSort {
    LAST_SEEN("lastSeen"),
    FIRST_SEEN("firstSeen"),
    COUNT("count");

    private final String wireName;

    IssueSort(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static IssueSort fromWire(String value) {
        for (IssueSort sort : values()) {
            if (sort.wireName.equals(value)) {
                return sort;
            }
        }
        throw new IllegalArgumentException("sort must be lastSeen, firstSeen or count, was '" + value + "'");
    }
}
