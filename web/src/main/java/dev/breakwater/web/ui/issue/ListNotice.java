package dev.breakwater.web.ui.issue;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the issue list says after a bulk action sent the browser back to it ({@code notice=resolve&changed=3}, or
 * {@code notice=none} when nothing was ticked). Only these fixed sentences are shown, never text from the URL.
 */
final class ListNotice {
    static final String NONE = "none";

    private ListNotice() {}

    /** The query string that {@link #read} turns back into the sentence. */
    static String query(Optional<BulkAction> action, int changed) {
        return action.map(a -> "notice=" + a.value() + "&changed=" + changed).orElse("notice=" + NONE);
    }

    static Optional<String> read(Function<String, Optional<String>> params) {
        Optional<String> notice = params.apply("notice");
        if (notice.isEmpty()) {
            return Optional.empty();
        }
        if (notice.get().equals(NONE)) {
            return Optional.of("No issues were selected: tick the issues to change first.");
        }
        Optional<BulkAction> action = BulkAction.find(notice.get());
        if (action.isEmpty()) {
            return Optional.empty();
        }
        int changed;
        try {
            changed = Math.max(0, Integer.parseInt(params.apply("changed").orElse("0")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(changed == 0
                ? "No issues were changed."
                : action.get().done() + " " + changed + (changed == 1 ? " issue." : " issues."));
    }
}
