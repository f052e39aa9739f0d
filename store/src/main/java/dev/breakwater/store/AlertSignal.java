package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Something alerting must look at, written by {@link Store#apply} in the same transaction as the data that caused it,
 * so a signal exists exactly when its cause is committed. {@code kind} is {@link #NEW_ISSUE} or {@link #REGRESSION};
 * {@code id} increases in commit order, so a consumer keeps the last id it handled as its cursor.
 */
public record AlertSignal(long id, long projectId, long issueId, String kind, Instant at) {
    public static final String NEW_ISSUE = "new_issue";
    public static final String REGRESSION = "regression";

    public AlertSignal {
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
    }
}
