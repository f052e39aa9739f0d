package dev.breakwater.web.ui.issue;

import dev.breakwater.store.IssueStatus;
import dev.breakwater.web.ui.UiException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the issue list's bulk form does to the ticked issues ({@code action=resolve|ignore|unresolve}). */
public enum BulkAction {
    RESOLVE("resolve", "Resolve", "Resolved", IssueStatus.RESOLVED),
    IGNORE("ignore", "Ignore", "Ignored", IssueStatus.IGNORED),
    UNRESOLVE("unresolve", "Reopen", "Reopened", IssueStatus.UNRESOLVED);

    private final String value;
    private final String label;
    private final String done;
    private final IssueStatus status;

    BulkAction(String value, String label, String done, IssueStatus status) {
        this.value = value;
        this.label = label;
        this.done = done;
        this.status = status;
    }

    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** The past tense for the notice after the action, e.g. "Resolved". */
    String done() {
        return done;
    }

    public IssueStatus status() {
        return status;
    }

    /** The actions that change something for issues in the tab of {@code status}. */
    static List<BulkAction> forTab(IssueStatus status) {
        return Arrays.stream(values()).filter(action -> action.status != status).toList();
    }

    static Optional<BulkAction> find(String value) {
        return Arrays.stream(values()).filter(action -> action.value.equals(value)).findFirst();
    }

    static BulkAction parse(String value) throws UiException {
        return find(value).orElseThrow(() -> UiException.badRequest(
                "action must be resolve, ignore or unresolve, was '" + value + "'"));
    }
}
