package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.IssueStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListNoticeTest {

    @Test
    void saysWhatABulkActionDid() {
        assertThat(read(ListNotice.query(Optional.of(BulkAction.RESOLVE), 3))).contains("Resolved 3 issues.");
        assertThat(read(ListNotice.query(Optional.of(BulkAction.UNRESOLVE), 1))).contains("Reopened 1 issue.");
        assertThat(read(ListNotice.query(Optional.of(BulkAction.IGNORE), 0))).contains("No issues were changed.");
        assertThat(read(ListNotice.query(Optional.empty(), 0)))
                .contains("No issues were selected: tick the issues to change first.");
    }

    @Test
    void showsNothingForUnknownNotices() {
        assertThat(read("")).isEmpty();
        assertThat(read("notice=<script>")).isEmpty();
        assertThat(read("notice=resolve&changed=lots")).isEmpty();
    }

    @Test
    void offersTheActionsThatChangeSomethingInEachTab() {
        assertThat(BulkAction.forTab(IssueStatus.UNRESOLVED)).containsExactly(BulkAction.RESOLVE, BulkAction.IGNORE);
        assertThat(BulkAction.forTab(IssueStatus.RESOLVED)).containsExactly(BulkAction.IGNORE, BulkAction.UNRESOLVE);
        assertThat(BulkAction.forTab(IssueStatus.IGNORED)).containsExactly(BulkAction.RESOLVE, BulkAction.UNRESOLVE);
    }

    private static Optional<String> read(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return ListNotice.read(name -> Optional.ofNullable(params.get(name)));
    }
}
