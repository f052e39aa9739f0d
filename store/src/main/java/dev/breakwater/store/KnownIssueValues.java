package dev.breakwater.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The environments and releases this store has committed for each issue ({@code issue_environments},
 * {@code issue_releases}), so that a batch writes only the pairs it adds instead of re-inserting, and having the
 * engine ignore, one pair per issue and environment in every batch: that took about a tenth of the SQLite writer's CPU.
 *
 * <p>Why a cache cannot be wrong here: the pairs are only ever inserted (nothing deletes them, and issue ids are
 * never reused), so a pair once committed holds for good, whatever other writers do; and a pair is remembered only
 * after the transaction that wrote it has committed ({@link JdbcStore#apply}), so a rolled-back batch teaches nothing.
 * Bounded: at {@link #MAX_PAIRS} it forgets everything and relearns, which costs inserts, never a missing row.
 *
 * <p>Thread-safe.
 */
final class KnownIssueValues {
    static final int MAX_PAIRS = 200_000;

    /** One row of {@code issue_environments} ({@code release} false) or {@code issue_releases} (true). */
    record IssueValue(long issueId, boolean release, String value) {}

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
