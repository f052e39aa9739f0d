package dev.breakwater.store;

import java.util.List;

/**
 * What a batch changed: events inserted and skipped as already stored, issues created and issues that regressed
 * (were resolved and got a new event). Alerting is fed from these.
 */
public record BatchOutcome(int inserted, int duplicates, List<Long> newIssues, List<Long> regressedIssues) {
    public BatchOutcome {
        newIssues = List.copyOf(newIssues);
        regressedIssues = List.copyOf(regressedIssues);
    }
}
