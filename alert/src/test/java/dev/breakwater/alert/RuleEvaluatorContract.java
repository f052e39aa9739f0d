package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static dev.breakwater.alert.TestEvents.batch;
import static dev.breakwater.alert.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule evaluation over batches really applied to a store; run once per engine. */
abstract class RuleEvaluatorContract {
    Store store;
    AlertBook book;
    RuleEvaluator evaluator;
    long project;
    long channel;
    long offset;

    abstract Store openStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = openStore();
        book = new AlertBook(store);
        evaluator = new RuleEvaluator(store, book);
        project = AlertTesting.project(store, "shop").id();
        channel = AlertTesting.channel(store, "ops", "webhook", "http://127.0.0.1:1/hook", "secret").id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    AlertRuleRecord rule(String kind, int threshold, int windowMinutes, boolean perIssue, Optional<String> level,
            Optional<String> environment, Optional<String> release) throws Exception {
        return store.createAlertRule(new NewAlertRule(project, kind + " rule", kind, threshold, windowMinutes, perIssue,
                level, environment, release, List.of(channel), T0));
    }

    AlertRuleRecord rule(String kind) throws Exception {
        return rule(kind, 0, 0, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    void apply(TestEvents... events) throws Exception {
        store.apply(batch(++offset, events));
    }

    IssueRecord issue(String fingerprint) throws Exception {
        return store.issues(new IssueQuery(project, Optional.empty(), IssueSort.LAST_SEEN, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 1000))
                .items().stream()
                .filter(issue -> issue.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow();
    }

    List<AlertRecord> alerts() throws Exception {
        return store.alerts(Optional.empty(), 100);
    }

    List<String> openKeys() throws Exception {
        return RuleEvaluator.openAlerts(store).stream().map(AlertRecord::dedupKey).sorted().toList();
    }

    @Test
    void aNewIssueRuleFiresOnceForEachNewIssue() throws Exception {
        AlertRuleRecord rule = rule("new_issue");
        apply(event(project, "e1").fingerprint("a"), event(project, "e2").fingerprint("b").at(T0.plusSeconds(1)));

        evaluator.evaluate(T0.plusSeconds(5));

        long a = issue("a").id();
        long b = issue("b").id();
        assertThat(openKeys()).containsExactlyInAnyOrder("rule:" + rule.id() + ":new_issue:issue:" + a,
                "rule:" + rule.id() + ":new_issue:issue:" + b);
        AlertRecord alert = store.openAlert("rule:" + rule.id() + ":new_issue:issue:" + a).orElseThrow();
        assertThat(alert.ruleId()).contains(rule.id());
        assertThat(alert.projectId()).contains(project);
        assertThat(alert.title()).isEqualTo("New issue in shop: ValueError: bad input in a");
        assertThat(alert.details()).contains("app.views in a").contains("level error").contains("new_issue rule");
        assertThat(alert.channelIds()).containsExactly(channel);
        assertThat(store.deliveries(alert.id())).extracting(DeliveryRecord::kind).containsExactly("fired");
        assertThat(store.alertCursor(RuleEvaluator.CURSOR)).isPositive();

        // evaluated again, and more events of known issues: nothing new
        evaluator.evaluate(T0.plusSeconds(10));
        apply(event(project, "e3").fingerprint("a").at(T0.plusSeconds(20)));
        evaluator.evaluate(T0.plusSeconds(25));
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void aSignalEvaluatedAgainAfterACrashChangesNothing() throws Exception {
        rule("new_issue");
        apply(event(project, "e1").fingerprint("a"));
        evaluator.evaluate(T0.plusSeconds(5));
        assertThat(alerts()).hasSize(1);

        store.setAlertCursor(RuleEvaluator.CURSOR, 0); // as if the cursor's commit had been lost
        evaluator.evaluate(T0.plusSeconds(10));

        assertThat(alerts()).hasSize(1);
        assertThat(store.deliveries(alerts().get(0).id())).hasSize(1);
    }

    @Test
    void aNewIssueAlertResolvesWhenItsIssueIsResolved() throws Exception {
        rule("new_issue");
        apply(event(project, "e1").fingerprint("a"));
        evaluator.evaluate(T0.plusSeconds(5));
        AlertRecord fired = alerts().get(0);

        store.setIssueStatus(issue("a").id(), IssueStatus.RESOLVED, T0.plusSeconds(60));
        evaluator.evaluate(T0.plusSeconds(65));

        AlertRecord resolved = store.alert(fired.id()).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(65));
        List<AlertHistoryEntry> history = store.alertHistory(fired.id());
        assertThat(history).extracting(AlertHistoryEntry::kind).containsExactly("fired", "resolved");
        assertThat(history.get(1).message()).contains("the issue is resolved");
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::kind).containsExactly("fired", "resolved");
    }

    @Test
    void eachRegressionFiresItsOwnAlert() throws Exception {
        AlertRuleRecord rule = rule("regression");
        apply(event(project, "e1").fingerprint("a"));
        long issue = issue("a").id();
        store.setIssueStatus(issue, IssueStatus.RESOLVED, T0.plusSeconds(60));
        evaluator.evaluate(T0.plusSeconds(61));
        assertThat(alerts()).isEmpty();

        apply(event(project, "e2").fingerprint("a").at(T0.plusSeconds(120)));
        evaluator.evaluate(T0.plusSeconds(125));
        List<String> open = openKeys();
        assertThat(open).singleElement().asString()
                .startsWith("rule:" + rule.id() + ":regression:issue:" + issue + ":signal:");
        AlertRecord first = store.openAlert(open.get(0)).orElseThrow();
        assertThat(first.title()).isEqualTo("Regression in shop: ValueError: bad input in a");

        store.setIssueStatus(issue, IssueStatus.RESOLVED, T0.plusSeconds(180));
        evaluator.evaluate(T0.plusSeconds(185));
        assertThat(store.alert(first.id()).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);

        apply(event(project, "e3").fingerprint("a").at(T0.plusSeconds(240)));
        evaluator.evaluate(T0.plusSeconds(245));
        assertThat(openKeys()).singleElement().isNotEqualTo(first.dedupKey());
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void levelAndReleaseFiltersKeepOnlyMatchingIssues() throws Exception {
        AlertRuleRecord fatal = rule("new_issue", 0, 0, false, Optional.of("fatal"), Optional.empty(), Optional.empty());
        AlertRuleRecord release2 =
                rule("new_issue", 0, 0, false, Optional.empty(), Optional.empty(), Optional.of("2.0"));

        apply(event(project, "e1").fingerprint("x").level("error").release("1.0"),
                event(project, "e2").fingerprint("y").level("fatal").release("1.0"),
                event(project, "e3").fingerprint("z").level("error").release("2.0"));
        evaluator.evaluate(T0.plusSeconds(5));

        assertThat(openKeys()).containsExactlyInAnyOrder(
                "rule:" + fatal.id() + ":new_issue:issue:" + issue("y").id(),
                "rule:" + release2.id() + ":new_issue:issue:" + issue("z").id());
    }

    @Test
    void anEnvironmentFilterNeedsAnEventInThatEnvironment() throws Exception {
        AlertRuleRecord rule =
                rule("new_issue", 0, 0, false, Optional.empty(), Optional.of("production"), Optional.empty());

        apply(event(project, "e1").fingerprint("p").environment("staging"),
                event(project, "e2").fingerprint("q").environment("production"));
        evaluator.evaluate(T0.plusSeconds(5));

        assertThat(openKeys()).containsExactly("rule:" + rule.id() + ":new_issue:issue:" + issue("q").id());
    }

    @Test
    void aProjectFrequencyRuleFiresAboveItsThresholdInItsEnvironmentAndResolvesWhenQuiet() throws Exception {
        AlertRuleRecord rule =
                rule("frequency", 3, 10, false, Optional.empty(), Optional.of("production"), Optional.empty());
        String key = "rule:" + rule.id() + ":frequency";
        for (int i = 0; i < 5; i++) {
            apply(event(project, "s" + i).fingerprint("f" + i).environment("staging").at(T0.plusSeconds(i)));
        }
        for (int i = 0; i < 3; i++) {
            apply(event(project, "p" + i).fingerprint("f" + i).environment("production").at(T0.plusSeconds(i)));
        }
        evaluator.evaluate(T0.plusSeconds(30));
        assertThat(store.openAlert(key)).isEmpty(); // 3 is not more than 3

        apply(event(project, "p3").fingerprint("f9").environment("production").at(T0.plusSeconds(40)));
        evaluator.evaluate(T0.plusSeconds(45));
        AlertRecord fired = store.openAlert(key).orElseThrow();
        assertThat(fired.title()).isEqualTo("frequency rule: more than 3 events in 10 minutes in shop");
        assertThat(fired.details()).startsWith("4 events in production in the last 10 minutes");

        evaluator.evaluate(T0.plusSeconds(50));
        assertThat(alerts()).hasSize(1);

        evaluator.evaluate(T0.plus(Duration.ofMinutes(11)));
        assertThat(store.alert(fired.id()).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);
    }

    @Test
    void aPerIssueFrequencyRuleAlertsOnlyForTheBusyIssue() throws Exception {
        AlertRuleRecord rule = rule("frequency", 2, 5, true, Optional.empty(), Optional.empty(), Optional.empty());
        apply(event(project, "a1").fingerprint("a"), event(project, "a2").fingerprint("a").at(T0.plusSeconds(1)),
                event(project, "a3").fingerprint("a").at(T0.plusSeconds(2)),
                event(project, "b1").fingerprint("b").at(T0.plusSeconds(3)));

        evaluator.evaluate(T0.plusSeconds(10));

        String key = "rule:" + rule.id() + ":frequency:issue:" + issue("a").id();
        assertThat(openKeys()).containsExactly(key);
        AlertRecord fired = store.openAlert(key).orElseThrow();
        assertThat(fired.title()).isEqualTo("shop: ValueError: bad input in a had more than 2 events in 5 minutes");
        assertThat(fired.details()).startsWith("3 events in the last 5 minutes");

        // the window moves past the burst: the issue is no longer seen within it, and its alert resolves
        evaluator.evaluate(T0.plus(Duration.ofMinutes(6)));
        assertThat(openKeys()).isEmpty();
        assertThat(store.alert(fired.id()).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);
    }

    @Test
    void aPerIssueFrequencyRuleCountsOnlyItsEnvironment() throws Exception {
        AlertRuleRecord rule =
                rule("frequency", 1, 5, true, Optional.empty(), Optional.of("production"), Optional.empty());
        apply(event(project, "a1").fingerprint("a").environment("production"),
                event(project, "a2").fingerprint("a").environment("production").at(T0.plusSeconds(1)),
                event(project, "b1").fingerprint("b").environment("staging").at(T0.plusSeconds(2)),
                event(project, "b2").fingerprint("b").environment("staging").at(T0.plusSeconds(3)),
                event(project, "b3").fingerprint("b").environment("production").at(T0.plusSeconds(4)));

        evaluator.evaluate(T0.plusSeconds(10));

        assertThat(openKeys()).containsExactly("rule:" + rule.id() + ":frequency:issue:" + issue("a").id());
    }

    @Test
    void aProjectFrequencyRuleWithALevelFilterCountsOnlyMatchingIssues() throws Exception {
        AlertRuleRecord rule = rule("frequency", 1, 5, false, Optional.of("fatal"), Optional.empty(), Optional.empty());
        apply(event(project, "e1").fingerprint("e"), event(project, "e2").fingerprint("e"),
                event(project, "e3").fingerprint("e"));
        evaluator.evaluate(T0.plusSeconds(10));
        assertThat(openKeys()).isEmpty();

        apply(event(project, "f1").fingerprint("f").level("fatal").at(T0.plusSeconds(11)),
                event(project, "f2").fingerprint("f").level("fatal").at(T0.plusSeconds(12)));
        evaluator.evaluate(T0.plusSeconds(20));
        assertThat(openKeys()).containsExactly("rule:" + rule.id() + ":frequency");
        assertThat(store.openAlert("rule:" + rule.id() + ":frequency").orElseThrow().details())
                .startsWith("2 events in the last 5 minutes");
    }

    @Test
    void alertsOfADeletedRuleResolve() throws Exception {
        AlertRuleRecord rule = rule("new_issue");
        apply(event(project, "e1").fingerprint("a"));
        evaluator.evaluate(T0.plusSeconds(5));
        AlertRecord fired = alerts().get(0);

        store.deleteAlertRule(rule.id());
        evaluator.evaluate(T0.plusSeconds(10));

        assertThat(store.alert(fired.id()).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(store.alertHistory(fired.id()).get(1).message()).contains("rule was deleted");
    }

    @Test
    void aDisabledRuleIsNotEvaluatedAndItsOpenAlertsResolveButStay() throws Exception {
        AlertRuleRecord frequency = rule("frequency", 1, 5, false, Optional.empty(), Optional.empty(),
                Optional.empty());
        AlertRuleRecord fresh = rule("new_issue");
        apply(event(project, "e1").fingerprint("a"), event(project, "e2").fingerprint("a").at(T0.plusSeconds(1)));
        evaluator.evaluate(T0.plusSeconds(5));
        assertThat(openKeys()).hasSize(2);
        AlertRecord fired = store.openAlert("rule:" + frequency.id() + ":frequency").orElseThrow();

        store.setAlertRuleEnabled(frequency.id(), false);
        store.setAlertRuleEnabled(fresh.id(), false);
        evaluator.evaluate(T0.plusSeconds(10));
        assertThat(openKeys()).isEmpty();
        assertThat(store.alert(fired.id()).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(store.alertHistory(fired.id()).get(1).message()).contains("rule was deleted or disabled");

        // disabled: more events and a new issue fire nothing
        apply(event(project, "e3").fingerprint("a").at(T0.plusSeconds(11)),
                event(project, "e4").fingerprint("b").at(T0.plusSeconds(12)));
        evaluator.evaluate(T0.plusSeconds(15));
        assertThat(openKeys()).isEmpty();
        assertThat(alerts()).hasSize(2);

        // enabled again: evaluated again (the frequency rule still sees its events in the window)
        store.setAlertRuleEnabled(frequency.id(), true);
        evaluator.evaluate(T0.plusSeconds(20));
        assertThat(openKeys()).containsExactly("rule:" + frequency.id() + ":frequency");
    }

    @Test
    void deletingARuleKeepsItsPastAlertsAndTheirHistory() throws Exception {
        AlertRuleRecord rule = rule("new_issue");
        apply(event(project, "e1").fingerprint("a"));
        evaluator.evaluate(T0.plusSeconds(5));
        AlertRecord fired = alerts().get(0);

        store.deleteAlertRule(rule.id());
        evaluator.evaluate(T0.plusSeconds(10));

        assertThat(store.alert(fired.id())).get().satisfies(alert -> {
            assertThat(alert.ruleId()).contains(rule.id());
            assertThat(alert.title()).isEqualTo(fired.title());
        });
        assertThat(store.alertHistory(fired.id())).extracting(AlertHistoryEntry::kind)
                .containsExactly("fired", "resolved");
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::kind).containsExactly("fired", "resolved");
    }

    @Test
    void anAcknowledgedNewIssueAlertNotifiesAgainWhenItsSnoozeEndsAndTheIssueIsStillUnresolved() throws Exception {
        rule("new_issue");
        apply(event(project, "e1").fingerprint("a"));
        evaluator.evaluate(T0.plusSeconds(5));
        AlertRecord fired = alerts().get(0);
        book.acknowledge(fired.id(), Duration.ofMinutes(10), "alice", T0.plusSeconds(6));

        evaluator.evaluate(T0.plus(Duration.ofMinutes(5)));
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::kind).containsExactly("fired");

        Instant afterSnooze = T0.plusSeconds(6).plus(Duration.ofMinutes(10));
        evaluator.evaluate(afterSnooze);
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::kind)
                .containsExactly("fired", "renotified");
        assertThat(store.alert(fired.id()).orElseThrow().state()).isEqualTo(AlertRecord.FIRING);
    }
}
