package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.AlertSignal;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.Page;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the projects' alert rules over committed data and hands the resulting {@link Condition}s to the
 * {@link AlertBook}.
 *
 * <ul>
 *   <li><b>new_issue / regression</b> rules follow the store's signals ({@link Store#signalsAfter}) from a persisted
 *       cursor. The cursor moves only after the alert changes for the signals before it are committed, so a crash
 *       evaluates a signal again, which the dedup key makes harmless (at least once). A matching signal fires
 *       {@code rule:<rule>:new_issue:issue:<issue>} or {@code rule:<rule>:regression:issue:<issue>:signal:<signal>}
 *       (one alert per regression, so a second regression after a resolve fires again); these resolve once their
 *       issue is no longer unresolved.
 *   <li><b>frequency</b> rules are evaluated at every run: more than {@code threshold} events in the last
 *       {@code windowMinutes}, for the whole project ({@code rule:<rule>:frequency}) or per issue
 *       ({@code rule:<rule>:frequency:issue:<issue>}, over at most {@value #MAX_ISSUES} most recently seen
 *       unresolved issues); they resolve when the count is back at or under the threshold.
 * </ul>
 *
 * <p>Filters: {@code level} is the issue's level, {@code release} the issue's last release for signals (for
 * frequency rules, issues that had an event in that release), {@code environment} an event of the issue in that
 * environment (for signals: since the event that caused it, less a minute). A project-wide frequency rule with a
 * level or release filter counts the events of the matching issues, as the store counts events per environment but
 * not per level or release.
 *
 * <p>Alerts of rules that were deleted or disabled resolve. Not thread-safe: run by the evaluation thread only.
 */
final class RuleEvaluator {
    static final String CURSOR = "rules";
    static final int MAX_ISSUES = 200;
    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);
    private static final int SIGNAL_BATCH = 500;
    private static final int OPEN_ALERTS_LIMIT = 1000;
    private static final Duration ENVIRONMENT_MARGIN = Duration.ofMinutes(1);
    private static final Pattern RULE_KEY = Pattern.compile(
            "rule:(\\d+):(new_issue|regression|frequency)(?::issue:(\\d+))?(?::signal:\\d+)?");

    private final Store store;
    private final AlertBook book;
    private final Set<Long> cappedRules = new HashSet<>();

    RuleEvaluator(Store store, AlertBook book) {
        this.store = requireNonNull(store, "store is null");
        this.book = requireNonNull(book, "book is null");
    }

    /** One run: the signals since the last run, then the open alerts' issues, then the frequency rules. */
    void evaluate(Instant now) throws StoreException {
        Map<Long, AlertRuleRecord> rules = new HashMap<>();
        for (AlertRuleRecord rule : store.alertRules(Optional.empty())) {
            if (rule.enabled()) {
                rules.put(rule.id(), rule);
            }
        }
        followSignals(rules, now);
        List<AlertRecord> open = openAlerts(store);
        Set<String> activeKeys = new HashSet<>();
        for (AlertRuleRecord rule : rules.values()) {
            if (rule.kind().equals("frequency")) {
                activeKeys.addAll(evaluateFrequency(rule, now));
            }
        }
        sweep(open, rules, activeKeys, now);
    }

    /** The alerts not resolved yet: firing and acknowledged. */
    static List<AlertRecord> openAlerts(Store store) throws StoreException {
        List<AlertRecord> open = new ArrayList<>(store.alerts(Optional.of(AlertRecord.FIRING), OPEN_ALERTS_LIMIT));
        int firing = open.size();
        open.addAll(store.alerts(Optional.of(AlertRecord.ACKNOWLEDGED), OPEN_ALERTS_LIMIT));
        if (firing == OPEN_ALERTS_LIMIT || open.size() - firing == OPEN_ALERTS_LIMIT) {
            log.warn("More than {} open alerts in one state; only the newest are checked for resolution",
                    OPEN_ALERTS_LIMIT);
        }
        return open;
    }

    private void followSignals(Map<Long, AlertRuleRecord> rules, Instant now) throws StoreException {
        long cursor = store.alertCursor(CURSOR);
        while (true) {
            List<AlertSignal> signals = store.signalsAfter(cursor, SIGNAL_BATCH);
            if (signals.isEmpty()) {
                return;
            }
            for (AlertSignal signal : signals) {
                handle(signal, rules, now);
            }
            cursor = signals.get(signals.size() - 1).id();
            store.setAlertCursor(CURSOR, cursor);
            if (signals.size() < SIGNAL_BATCH) {
                return;
            }
        }
    }

    private void handle(AlertSignal signal, Map<Long, AlertRuleRecord> rules, Instant now) throws StoreException {
        List<AlertRuleRecord> matching = new ArrayList<>();
        for (AlertRuleRecord rule : rules.values()) {
            if (rule.projectId() == signal.projectId() && rule.kind().equals(signal.kind())) {
                matching.add(rule);
            }
        }
        if (matching.isEmpty()) {
            return;
        }
        Optional<IssueRecord> found = store.issue(signal.issueId());
        // an issue resolved or ignored since would resolve the alert at once: do not fire it
        if (found.isEmpty() || found.get().status() != IssueStatus.UNRESOLVED) {
            return;
        }
        IssueRecord issue = found.get();
        for (AlertRuleRecord rule : matching) {
            if (rule.level().isPresent() && !rule.level().get().equals(issue.level())) {
                continue;
            }
            if (rule.release().isPresent() && !rule.release().equals(issue.lastRelease())) {
                continue;
            }
            boolean regression = signal.kind().equals(AlertSignal.REGRESSION);
            if (rule.environment().isPresent()) {
                // the events that caused the signal: from the issue's first event or its regression on (received
                // times, so a processing delay does not hide them), with a margin
                Instant cause = regression ? issue.regressedAt().orElse(signal.at()) : issue.firstSeen();
                Instant since = (cause.isBefore(signal.at()) ? cause : signal.at()).minus(ENVIRONMENT_MARGIN);
                if (store.countEvents(issue.projectId(), Optional.of(issue.id()), rule.environment(), since) == 0) {
                    continue;
                }
            }
            String key = "rule:" + rule.id() + ":" + signal.kind() + ":issue:" + issue.id()
                    + (regression ? ":signal:" + signal.id() : "");
            String title = (regression ? "Regression in " : "New issue in ") + issue.projectSlug() + ": "
                    + issue.title();
            StringBuilder details = new StringBuilder();
            if (!issue.culprit().isBlank()) {
                details.append(issue.culprit()).append('\n');
            }
            details.append("level ").append(issue.level());
            issue.lastRelease().ifPresent(release -> details.append(", release ").append(release));
            details.append(regression ? ", regressed at " : ", first seen ")
                    .append(regression ? issue.regressedAt().orElse(signal.at()) : issue.firstSeen());
            details.append("\nrule: ").append(rule.name());
            book.observe(new Condition(key, title, details.toString(), true, 0, Optional.of(issue.projectId()),
                    Optional.of(rule.id()), rule.channelIds(), Optional.empty()), now);
        }
    }

    /** Evaluates one frequency rule; returns the keys of its active per-issue conditions. */
    private Set<String> evaluateFrequency(AlertRuleRecord rule, Instant now) throws StoreException {
        Instant since = now.minus(Duration.ofMinutes(rule.windowMinutes()));
        String window = rule.windowMinutes() + (rule.windowMinutes() == 1 ? " minute" : " minutes");
        String where = rule.environment().map(environment -> " in " + environment).orElse("");
        Set<String> activeKeys = new HashSet<>();
        if (rule.perIssue()) {
            for (IssueRecord issue : recentIssues(rule, Optional.of(IssueStatus.UNRESOLVED), since)) {
                long count = store.countEvents(rule.projectId(), Optional.of(issue.id()), rule.environment(), since);
                String key = "rule:" + rule.id() + ":frequency:issue:" + issue.id();
                boolean active = count > rule.threshold();
                if (active) {
                    activeKeys.add(key);
                }
                String details = count + " events" + where + " in the last " + window + " (threshold "
                        + rule.threshold() + ")\n" + issue.culprit() + "\nrule: " + rule.name();
                book.observe(new Condition(key, issue.projectSlug() + ": " + issue.title() + " had more than "
                                + rule.threshold() + " events in " + window, details, active, 0,
                        Optional.of(rule.projectId()), Optional.of(rule.id()), rule.channelIds(), Optional.empty()),
                        now);
            }
            return activeKeys;
        }
        long count;
        if (rule.level().isEmpty() && rule.release().isEmpty()) {
            count = store.countEvents(rule.projectId(), Optional.empty(), rule.environment(), since);
        } else {
            count = 0;
            for (IssueRecord issue : recentIssues(rule, Optional.empty(), since)) {
                count += store.countEvents(rule.projectId(), Optional.of(issue.id()), rule.environment(), since);
            }
        }
        String project = store.project(rule.projectId()).map(ProjectRecord::slug)
                .orElse("project " + rule.projectId());
        String details = count + " events" + where + " in the last " + window + " (threshold " + rule.threshold()
                + ")\nrule: " + rule.name();
        book.observe(new Condition("rule:" + rule.id() + ":frequency", rule.name() + ": more than "
                        + rule.threshold() + " events in " + window + " in " + project, details,
                count > rule.threshold(), 0, Optional.of(rule.projectId()), Optional.of(rule.id()), rule.channelIds(),
                Optional.empty()), now);
        return activeKeys;
    }

    /** The rule's project's issues seen since {@code since} that match its filters, most recent first, capped. */
    private List<IssueRecord> recentIssues(AlertRuleRecord rule, Optional<IssueStatus> status, Instant since)
            throws StoreException {
        List<IssueRecord> issues = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        boolean capped = false;
        scan:
        while (true) {
            Page<IssueRecord> page = store.issues(new IssueQuery(rule.projectId(), status, IssueSort.LAST_SEEN,
                    Optional.empty(), rule.environment(), rule.release(), cursor, 100));
            for (IssueRecord issue : page.items()) {
                if (issue.lastSeen().isBefore(since)) {
                    break scan;
                }
                if (rule.level().isPresent() && !rule.level().get().equals(issue.level())) {
                    continue;
                }
                if (issues.size() == MAX_ISSUES) {
                    capped = true;
                    break scan;
                }
                issues.add(issue);
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            cursor = page.nextCursor();
        }
        if (capped && cappedRules.add(rule.id())) {
            log.warn("Alert rule {} ('{}') matches more than {} recent issues; only the {} most recently seen are"
                    + " evaluated", rule.id(), rule.name(), MAX_ISSUES, MAX_ISSUES);
        } else if (!capped) {
            cappedRules.remove(rule.id());
        }
        return issues;
    }

    /**
     * Resolves open rule alerts whose cause is gone: the issue of a new_issue or regression alert is no longer
     * unresolved; a per-issue frequency alert's issue was not active in this run; the rule was deleted or disabled.
     */
    private void sweep(List<AlertRecord> open, Map<Long, AlertRuleRecord> rules, Set<String> activeKeys,
            Instant now) throws StoreException {
        for (AlertRecord alert : open) {
            Matcher key = RULE_KEY.matcher(alert.dedupKey());
            if (!key.matches()) {
                continue;
            }
            long ruleId = Long.parseLong(key.group(1));
            String kind = key.group(2);
            if (!rules.containsKey(ruleId)) {
                book.observe(Condition.cleared(alert.dedupKey(), "the rule was deleted or disabled"), now);
            } else if (!kind.equals("frequency")) {
                long issueId = Long.parseLong(key.group(3));
                Optional<IssueRecord> issue = store.issue(issueId);
                if (issue.isEmpty() || issue.get().status() != IssueStatus.UNRESOLVED) {
                    book.observe(Condition.cleared(alert.dedupKey(),
                            "the issue is " + issue.map(i -> i.status().wireName()).orElse("gone")), now);
                } else if (alert.state().equals(AlertRecord.ACKNOWLEDGED)) {
                    // still unresolved: observed again so that it notifies when its snooze ends
                    book.observe(new Condition(alert.dedupKey(), alert.title(), alert.details(), true, alert.step(),
                            alert.projectId(), alert.ruleId(), alert.channelIds(), Optional.empty()), now);
                }
            } else if (key.group(3) != null && !activeKeys.contains(alert.dedupKey())) {
                book.observe(Condition.cleared(alert.dedupKey(), "the issue is back under the threshold"), now);
            }
        }
    }
}
