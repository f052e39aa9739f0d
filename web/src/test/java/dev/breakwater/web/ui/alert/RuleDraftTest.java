package dev.breakwater.web.ui.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.NewAlertRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleDraftTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void aFrequencyRuleKeepsItsNumbersAndStripsItsFilters() {
        NewAlertRule rule = draft("frequency", 100, 5, true, " error ", " production ", "  ", List.of(2L, 1L, 2L))
                .toNewRule(7, List.of(1L, 2L), NOW);
        assertThat(rule.projectId()).isEqualTo(7);
        assertThat(rule.threshold()).isEqualTo(100);
        assertThat(rule.windowMinutes()).isEqualTo(5);
        assertThat(rule.perIssue()).isTrue();
        assertThat(rule.level()).contains("error");
        assertThat(rule.environment()).contains("production");
        assertThat(rule.release()).isEmpty();
        assertThat(rule.channelIds()).containsExactly(2L, 1L);
    }

    @Test
    void otherKindsKeepNoThreshold() {
        NewAlertRule rule = draft("regression", 0, 0, true, "", "", "", List.of(1L)).toNewRule(7, List.of(1L), NOW);
        assertThat(rule.threshold()).isZero();
        assertThat(rule.windowMinutes()).isZero();
        assertThat(rule.perIssue()).isFalse();
    }

    @Test
    void refusesWhatDoesNotCheckOut() {
        assertRefused(draft("sometimes", 1, 1, false, "", "", "", List.of(1L)), "kind must be");
        assertRefused(draft("frequency", 0, 5, false, "", "", "", List.of(1L)), "threshold must be");
        assertRefused(draft("frequency", 1_000_001, 5, false, "", "", "", List.of(1L)), "threshold must be");
        assertRefused(draft("frequency", 1, 0, false, "", "", "", List.of(1L)), "window must be");
        assertRefused(draft("frequency", 1, 1441, false, "", "", "", List.of(1L)), "window must be");
        assertRefused(draft("new_issue", 0, 0, false, "panic", "", "", List.of(1L)), "level must be");
        assertRefused(draft("new_issue", 0, 0, false, "", "x".repeat(201), "", List.of(1L)), "environment must be at most");
        assertRefused(draft("new_issue", 0, 0, false, "", "", "", List.of()), "at least one channel");
        assertRefused(draft("new_issue", 0, 0, false, "", "", "", List.of(9L)), "no channel with id 9");
        assertRefused(new RuleDraft(" ", "new_issue", 0, 0, false, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(1L)), "needs a name");
    }

    @Test
    void describesRulesInWords() {
        assertThat(RuleText.condition(rule("frequency", 100, 5, true, Optional.of("production"))))
                .isEqualTo("more than 100 events in 5 min per issue in production");
        assertThat(RuleText.condition(rule("frequency", 1, 90, false, Optional.empty())))
                .isEqualTo("more than 1 event in 1 h 30 min in the project");
        assertThat(RuleText.condition(rule("new_issue", 0, 0, false, Optional.empty()))).isEqualTo("a new issue appears");
        assertThat(RuleText.condition(rule("regression", 0, 0, false, Optional.of("staging"))))
                .isEqualTo("a resolved issue comes back in staging");
        assertThat(RuleText.filters(rule("new_issue", 0, 0, false, Optional.empty()))).isEqualTo("none");
        assertThat(RuleText.filters(rule("new_issue", 0, 0, false, Optional.of("staging")))).isEqualTo("environment staging");
    }

    private static RuleDraft draft(String kind, int threshold, int window, boolean perIssue, String level,
            String environment, String release, List<Long> channels) {
        return new RuleDraft("rule", kind, threshold, window, perIssue, Optional.of(level), Optional.of(environment),
                Optional.of(release), channels);
    }

    private static void assertRefused(RuleDraft draft, String message) {
        assertThatThrownBy(() -> draft.toNewRule(7, List.of(1L), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static AlertRuleRecord rule(String kind, int threshold, int window, boolean perIssue, Optional<String> environment) {
        return new AlertRuleRecord(1, 7, "rule", kind, threshold, window, perIssue, Optional.empty(), environment,
                Optional.empty(), List.of(1L), true, NOW);
    }
}
