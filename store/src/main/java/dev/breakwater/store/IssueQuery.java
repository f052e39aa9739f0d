package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A page of a project's issues. {@code status} empty means all. {@code text} matches title or culprit,
 * case-insensitively, as a substring. {@code environment} and {@code release} keep issues that had at least one event
 * with that value. {@code cursor} is the previous page's {@link Page#nextCursor()}.
 */
public record IssueQuery(
        long projectId,
        Optional<IssueStatus> status,
        IssueSort sort,
        Optional<String> text,
        Optional<String> environment,
        Optional<String> release,
        Optional<String> cursor,
        int limit) {

    public IssueQuery {
        requireNonNull(status, "status is null");
        requireNonNull(sort, "sort is null");
        requireNonNull(text, "text is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        requireNonNull(cursor, "cursor is null");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
    }
}
