package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.web.ui.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule in words, for people: its condition ("more than 100 events in 5 min per issue in production") and its
 * filters ("level error, release shop@1.1"). Stateless.
 */
public final class RuleText {
    private RuleText() {}

    public static String condition(AlertRuleRecord rule) {
        String where = rule.environment().map(environment -> " in " + environment).orElse("");
        return switch (rule.kind()) {
            case RuleDraft.NEW_ISSUE -> "a new issue appears" + where;
            case RuleDraft.REGRESSION -> "a resolved issue comes back" + where;
            case RuleDraft.FREQUENCY -> "more than " + rule.threshold() + (rule.threshold() == 1 ? " event" : " events")
                    + " in " + Durations.human(rule.windowMinutes() * 60.0)
                    + (rule.perIssue() ? " per issue" : " in the project") + where;
            default -> rule.kind() + where;
        };
    }

    /** The filters that narrow the rule, or "none". */
    public static String filters(AlertRuleRecord rule) {
        List<String> filters = new ArrayList<>();
        rule.level().ifPresent(level -> filters.add("level " + level));
        rule.environment().ifPresent(environment -> filters.add("environment " + environment));
        rule.release().ifPresent(release -> filters.add("release " + release));
        return filters.isEmpty() ? "none" : String.join(", ", filters);
    }
}
