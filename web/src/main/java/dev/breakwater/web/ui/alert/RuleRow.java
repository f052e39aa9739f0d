package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rule of a project as the rules page lists it: the rule, its condition and filters in words, its channels. */
public record RuleRow(AlertRuleRecord rule, String condition, String filters, String channels) {
    static RuleRow of(AlertRuleRecord rule, Map<Long, ChannelRecord> channels) {
        List<String> names = new ArrayList<>();
        for (long id : rule.channelIds()) {
            names.add(Optional.ofNullable(channels.get(id)).map(ChannelRecord::name).orElse("deleted channel " + id));
        }
        return new RuleRow(rule, RuleText.condition(rule), RuleText.filters(rule),
                names.isEmpty() ? "none" : String.join(", ", names));
    }
}
