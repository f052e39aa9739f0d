package dev.breakwater.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The environments, releases and user keys this store has committed for each issue ({@code issue_environments},
 * {@code issue_releases}, {@code issue_users}), so that a batch writes only the pairs it adds instead of re-inserting,
 * and having the engine ignore, a pair per issue and environment, release and user in every batch: the environments
 * and releases took about a tenth of the SQLite writer's CPU, the users about as much where users come back.
 *
 * <p>Why a cache cannot be wrong here: the pairs are only ever inserted (nothing deletes them, and issue ids are
 * never reused), so a pair once committed holds for good, whatever other writers do; and a pair is remembered only
 * after the transaction that wrote it has committed ({@link JdbcStore#apply}), so a rolled-back batch teaches nothing.
 * Bounded: at {@link #MAX_PAIRS} it forgets everything and relearns, which costs inserts, never a missing row.
 *
 * <p>Thread-safe.
 */
final class KnownIssueValues {
    /** About 15 MB at most, with user keys of a few dozen characters. */
    static final int MAX_PAIRS = 100_000;

    enum Kind {
        ENVIRONMENT,
        RELEASE,
        USER
    }

    /** One row of {@code issue_environments}, {@code issue_releases} or {@code issue_users}. */
    record IssueValue(long issueId, Kind kind, String value) {}

    private final Set<IssueValue> known = new HashSet<>();

    synchronized boolean contains(IssueValue value) {
        return known.contains(value);
    }

    /** Call only once the transaction that wrote {@code committed} has committed. */
    synchronized void remember(Collection<IssueValue> committed) {
        if (known.size() + committed.size() > MAX_PAIRS) {
            known.clear();
        }
        known.addAll(committed);
    }

    synchronized int size() {
        return known.size();
    }
}
