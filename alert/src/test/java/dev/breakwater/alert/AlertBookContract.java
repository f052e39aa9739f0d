package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert lifecycle against a real store; run once per engine. */
abstract class AlertBookContract {
    static final ObjectMapper JSON = new ObjectMapper();

    Store store;
    AlertBook book;
    long project;
    long webhook;
    long slack;

    abstract Store openStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = openStore();
        book = new AlertBook(store);
        project = AlertTesting.project(store, "shop").id();
        webhook = AlertTesting.channel(store, "ops hook", "webhook", "http://127.0.0.1:1/hook", "s3cret").id();
        slack = AlertTesting.channel(store, "ops chat", "slack", "http://127.0.0.1:1/slack", "").id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static Condition disk(int step, boolean active) {
        return new Condition("disk:spool", "Spool disk " + (step == 0 ? "90" : "95") + " % full",
                "/var/lib/breakwater is " + (step == 0 ? "91" : "96") + " % full", active, step, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
    }

    List<String> kinds(long alertId) throws Exception {
        return store.deliveries(alertId).stream().map(DeliveryRecord::kind).toList();
    }

    List<String> history(long alertId) throws Exception {
        return store.alertHistory(alertId).stream().map(AlertHistoryEntry::kind).toList();
    }

    @Test
    void anActiveConditionFiresOnceWithOneDeliveryPerChannel() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();

        assertThat(fired.id()).isPositive();
        assertThat(fired.state()).isEqualTo(AlertRecord.FIRING);
        assertThat(fired.openedAt()).isEqualTo(T0);
        assertThat(fired.channelIds()).containsExactlyInAnyOrder(webhook, slack);
        assertThat(store.deliveries(fired.id()))
                .extracting(DeliveryRecord::channelId, DeliveryRecord::kind, DeliveryRecord::state)
                .containsExactlyInAnyOrder(
                        tuple(webhook, "fired", DeliveryRecord.PENDING),
                        tuple(slack, "fired", DeliveryRecord.PENDING));
        assertThat(history(fired.id())).containsExactly("fired");

        assertThat(book.observe(disk(0, true), T0.plusSeconds(30))).isEmpty();
        assertThat(book.observe(disk(0, true), T0.plusSeconds(60))).isEmpty();
        assertThat(store.openAlert("disk:spool")).map(AlertRecord::id).contains(fired.id());
        assertThat(kinds(fired.id())).hasSize(2);
        assertThat(store.alerts(Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void theQueuedPayloadDescribesTheChange() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();

        JsonNode payload = JSON.readTree(store.deliveries(fired.id()).get(0).payload());
        assertThat(payload.get("delivery").asText()).isEqualTo("fired");
        assertThat(payload.get("project").isNull()).isTrue();
        assertThat(payload.get("sentAt").asText()).isEqualTo(T0.toString());
        JsonNode alert = payload.get("alert");
        assertThat(alert.get("key").asText()).isEqualTo("disk:spool");
        assertThat(alert.get("title").asText()).isEqualTo("Spool disk 90 % full");
        assertThat(alert.get("details").asText()).isEqualTo("/var/lib/breakwater is 91 % full");
        assertThat(alert.get("state").asText()).isEqualTo("firing");
        assertThat(alert.get("step").asInt()).isZero();
        assertThat(alert.get("openedAt").asText()).isEqualTo(T0.toString());
    }

    @Test
    void aHigherStepEscalatesAtOnceAndALowerOneChangesNothing() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();

        AlertRecord escalated = book.observe(disk(1, true), T0.plusSeconds(10)).orElseThrow();
        assertThat(escalated.id()).isEqualTo(fired.id());
        assertThat(escalated.step()).isEqualTo(1);
        assertThat(escalated.title()).isEqualTo("Spool disk 95 % full");
        assertThat(escalated.lastNotifiedAt()).isEqualTo(T0.plusSeconds(10));

        assertThat(book.observe(disk(0, true), T0.plusSeconds(20))).isEmpty();
        assertThat(book.observe(disk(1, true), T0.plusSeconds(30))).isEmpty();
        assertThat(kinds(fired.id())).containsExactly("fired", "fired", "escalated", "escalated");
        assertThat(history(fired.id())).containsExactly("fired", "escalated");
    }

    @Test
    void anAcknowledgedAlertThatWorsensNotifiesAtOnceDespiteItsSnooze() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        book.acknowledge(fired.id(), Duration.ofHours(4), "alice", T0.plusSeconds(5));

        AlertRecord escalated = book.observe(disk(1, true), T0.plusSeconds(60)).orElseThrow();

        assertThat(escalated.state()).isEqualTo(AlertRecord.FIRING);
        assertThat(escalated.snoozeUntil()).isEmpty();
        assertThat(kinds(fired.id())).endsWith("escalated", "escalated");
        assertThat(history(fired.id())).containsExactly("fired", "acknowledged", "escalated");
    }

    @Test
    void anAcknowledgedAlertStillFiringWhenItsSnoozeEndsNotifiesAgain() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        Instant ackAt = T0.plusSeconds(60);

        AlertRecord acked = book.acknowledge(fired.id(), Duration.ofMinutes(30), "alice", ackAt).orElseThrow();
        assertThat(acked.state()).isEqualTo(AlertRecord.ACKNOWLEDGED);
        assertThat(acked.acknowledgedAt()).contains(ackAt);
        assertThat(acked.snoozeUntil()).contains(ackAt.plus(Duration.ofMinutes(30)));

        // still firing during the snooze: silent
        assertThat(book.observe(disk(0, true), ackAt.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(kinds(fired.id())).containsOnly("fired");

        AlertRecord renotified = book.observe(disk(0, true), ackAt.plus(Duration.ofMinutes(30))).orElseThrow();
        assertThat(renotified.state()).isEqualTo(AlertRecord.FIRING);
        assertThat(renotified.id()).isEqualTo(fired.id());
        assertThat(kinds(fired.id())).containsExactly("fired", "fired", "renotified", "renotified");
        List<AlertHistoryEntry> history = store.alertHistory(fired.id());
        assertThat(history).extracting(AlertHistoryEntry::kind).containsExactly("fired", "acknowledged", "renotified");
        assertThat(history.get(1).message()).contains("alice").contains(ackAt.plus(Duration.ofMinutes(30)).toString());
        assertThat(history.get(1).at()).isEqualTo(ackAt);

        // and it is an ordinary firing alert again: nothing more until it changes
        assertThat(book.observe(disk(0, true), ackAt.plus(Duration.ofMinutes(45)))).isEmpty();
    }

    @Test
    void anAcknowledgedAlertWhoseConditionClearsDuringTheSnoozeResolvesWithoutRenotifying() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        book.acknowledge(fired.id(), Duration.ofMinutes(30), "alice", T0);

        AlertRecord resolved = book.observe(disk(0, false), T0.plus(Duration.ofMinutes(10))).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(book.observe(disk(0, false), T0.plus(Duration.ofMinutes(40)))).isEmpty();

        assertThat(kinds(fired.id())).containsExactly("fired", "fired", "resolved", "resolved");
        assertThat(history(fired.id())).containsExactly("fired", "acknowledged", "resolved");
    }

    @Test
    void resolutionNotifiesAndTheNextActiveObservationFiresANewAlert() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();

        AlertRecord resolved = book.observe(disk(0, false), T0.plusSeconds(120)).orElseThrow();
        assertThat(resolved.id()).isEqualTo(fired.id());
        assertThat(resolved.state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(120));
        assertThat(store.openAlert("disk:spool")).isEmpty();
        assertThat(kinds(fired.id())).containsExactly("fired", "fired", "resolved", "resolved");
        JsonNode payload = JSON.readTree(store.deliveries(fired.id()).get(3).payload());
        assertThat(payload.get("delivery").asText()).isEqualTo("resolved");
        assertThat(payload.get("alert").get("state").asText()).isEqualTo("resolved");

        assertThat(book.observe(disk(0, false), T0.plusSeconds(130))).isEmpty();
        AlertRecord again = book.observe(disk(0, true), T0.plusSeconds(300)).orElseThrow();
        assertThat(again.id()).isNotEqualTo(fired.id());
        assertThat(store.alerts(Optional.empty(), 10)).hasSize(2);
    }

    @Test
    void manualResolutionNotifiesAndIsIdempotent() throws Exception {
        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();

        AlertRecord resolved = book.resolve(fired.id(), "bob", T0.plusSeconds(5)).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(book.resolve(fired.id(), "bob", T0.plusSeconds(6))).contains(resolved);
        assertThat(book.resolve(987654, "bob", T0)).isEmpty();

        List<AlertHistoryEntry> history = store.alertHistory(fired.id());
        assertThat(history).extracting(AlertHistoryEntry::kind).containsExactly("fired", "resolved");
        assertThat(history.get(1).message()).contains("bob");
        assertThat(kinds(fired.id())).containsExactly("fired", "fired", "resolved", "resolved");
    }

    @Test
    void acknowledgingAnUnknownOrResolvedAlertIsRefused() throws Exception {
        assertThat(book.acknowledge(987654, Duration.ofMinutes(5), "alice", T0)).isEmpty();

        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        book.observe(disk(0, false), T0.plusSeconds(1));
        assertThatThrownBy(() -> book.acknowledge(fired.id(), Duration.ofMinutes(5), "alice", T0.plusSeconds(2)))
                .isInstanceOfSatisfying(AlertResolvedException.class, e -> assertThat(e.alertId()).isEqualTo(fired.id()))
                .hasMessageContaining("already resolved");
    }

    @Test
    void aConditionNotifiesOnlyItsChannelsAndNeverTheExcludedOne() throws Exception {
        Condition onlySlack = new Condition("rule:1:frequency", "Too many events", "12 events", true, 0,
                Optional.of(project), Optional.empty(), List.of(slack), Optional.empty());
        AlertRecord first = book.observe(onlySlack, T0).orElseThrow();
        assertThat(first.channelIds()).containsExactly(slack);
        assertThat(store.deliveries(first.id())).extracting(DeliveryRecord::channelId).containsExactly(slack);
        assertThat(JSON.readTree(store.deliveries(first.id()).get(0).payload()).get("project").asLong())
                .isEqualTo(project);

        Condition notTheWebhook = new Condition("channel:" + webhook + ":failing", "Channel failing", "x", true, 0,
                Optional.empty(), Optional.empty(), List.of(), Optional.of(webhook));
        AlertRecord second = book.observe(notTheWebhook, T0).orElseThrow();
        assertThat(store.deliveries(second.id())).extracting(DeliveryRecord::channelId).containsExactly(slack);

        // later notifications go to the channels it fired to
        book.observe(Condition.cleared(notTheWebhook.dedupKey(), "fine again"), T0.plusSeconds(1));
        assertThat(store.deliveries(second.id())).extracting(DeliveryRecord::channelId).containsExactly(slack, slack);
    }

    @Test
    void aDisabledChannelGetsNoNewDeliveriesUntilItIsEnabledAgain() throws Exception {
        store.setChannelEnabled(slack, false);

        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        assertThat(fired.channelIds()).containsExactlyInAnyOrder(webhook, slack);
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::channelId).containsExactly(webhook);
        assertThat(history(fired.id())).containsExactly("fired");

        store.setChannelEnabled(slack, true);
        book.observe(disk(1, true), T0.plusSeconds(10));
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::channelId, DeliveryRecord::kind)
                .containsExactlyInAnyOrder(tuple(webhook, "fired"), tuple(webhook, "escalated"),
                        tuple(slack, "escalated"));
        // the webhook had the alert, so nothing is owed to the channel that was off
        assertThat(book.notifyUnnotified(T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void anAlertWithNoChannelToNotifySaysSoAndReachesAChannelAddedLaterOnceWithItsCurrentState() throws Exception {
        store.setChannelEnabled(webhook, false);
        store.setChannelEnabled(slack, false);

        AlertRecord fired = book.observe(disk(0, true), T0).orElseThrow();
        assertThat(store.deliveries(fired.id())).isEmpty();
        assertThat(store.alertHistory(fired.id())).extracting(AlertHistoryEntry::kind, AlertHistoryEntry::message)
                .containsExactly(tuple("fired", "fired: /var/lib/breakwater is 91 % full"),
                        tuple(AlertHistoryEntry.NO_CHANNEL, "no channel to notify"));
        assertThat(book.notifyUnnotified(T0.plusSeconds(5))).as("still no channel").isEmpty();

        book.observe(disk(1, true), T0.plusSeconds(10));
        book.acknowledge(fired.id(), Duration.ofHours(1), "alice", T0.plusSeconds(20));
        assertThat(history(fired.id())).containsExactly("fired", "no_channel", "escalated", "no_channel",
                "acknowledged");

        long pager = AlertTesting.channel(store, "pager", "webhook", "http://127.0.0.1:1/pager", "p").id();
        List<AlertRecord> notified = book.notifyUnnotified(T0.plusSeconds(30));

        assertThat(notified).extracting(AlertRecord::id).containsExactly(fired.id());
        List<DeliveryRecord> deliveries = store.deliveries(fired.id());
        assertThat(deliveries).extracting(DeliveryRecord::channelId, DeliveryRecord::kind)
                .containsExactly(tuple(pager, "fired"));
        JsonNode alert = JSON.readTree(deliveries.get(0).payload()).get("alert");
        assertThat(alert.get("title").asText()).isEqualTo("Spool disk 95 % full");
        assertThat(alert.get("step").asInt()).isEqualTo(1);
        assertThat(alert.get("state").asText()).isEqualTo("acknowledged");
        AlertRecord now = store.alert(fired.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(AlertRecord.ACKNOWLEDGED);
        assertThat(now.channelIds()).contains(pager);
        assertThat(store.alertHistory(fired.id())).last()
                .satisfies(entry -> assertThat(entry.kind()).isEqualTo(AlertBook.NOTIFIED_LATE))
                .satisfies(entry -> assertThat(entry.message()).contains(Long.toString(pager)));

        // once: later evaluations owe nothing, and the next change notifies the new channel as usual
        assertThat(book.notifyUnnotified(T0.plusSeconds(40))).isEmpty();
        book.observe(disk(1, false), T0.plusSeconds(50));
        assertThat(kinds(fired.id())).containsExactly("fired", "resolved");
    }

    @Test
    void aRuleAlertOwedToADisabledChannelReachesItWhenItIsEnabledAgain() throws Exception {
        store.setChannelEnabled(slack, false);
        AlertRuleRecord rule = store.createAlertRule(new NewAlertRule(project, "chat", "frequency", 1, 5, false,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(slack), T0));
        Condition tooMany = new Condition("rule:" + rule.id() + ":frequency", "Too many events", "12 events", true, 0,
                Optional.of(project), Optional.of(rule.id()), rule.channelIds(), Optional.empty());
        AlertRecord fired = book.observe(tooMany, T0).orElseThrow();
        assertThat(store.deliveries(fired.id())).isEmpty();
        assertThat(history(fired.id())).containsExactly("fired", "no_channel");

        store.setChannelEnabled(slack, true);
        assertThat(book.notifyUnnotified(T0.plusSeconds(15))).hasSize(1);
        // only the rule's channel, not the webhook that was enabled all along
        assertThat(store.deliveries(fired.id())).extracting(DeliveryRecord::channelId).containsExactly(slack);
    }

    @Test
    void prunesOnlyWhatResolvedLongerAgoThanTheRetention() throws Exception {
        ManualClock clock = new ManualClock(T0);
        AlertRetention retention = new AlertRetention(store, clock, Duration.ofDays(30));
        AlertRecord old = book.observe(disk(0, true), T0).orElseThrow();
        List<DeliveryRecord> fired = store.deliveries(old.id());
        store.deliverySucceeded(fired.get(0).id(), "outbox-test", 1, T0.plusSeconds(1));
        store.deliveryFailed(fired.get(1).id(), "outbox-test", 1, "HTTP 410: gone", Optional.empty(), T0.plusSeconds(1));
        book.observe(disk(0, false), T0.plusSeconds(60)); // resolved, its two resolved deliveries still pending
        Condition store2 = new Condition("disk:store", "Store disk 90 % full", "91 %", true, 0, Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
        AlertRecord open = book.observe(store2, T0).orElseThrow();
        store.deliverySucceeded(store.deliveries(open.id()).get(0).id(), "outbox-test", 1, T0.plusSeconds(1));

        clock.advance(Duration.ofDays(30)); // resolved 30 days minus a minute ago: kept
        assertThat(retention.prune()).isZero();
        assertThat(history(old.id())).containsExactly("fired", "delivery_failed", "resolved");

        clock.advance(Duration.ofMinutes(2));
        assertThat(retention.prune()).isEqualTo(2 + 3);
        assertThat(history(old.id())).isEmpty();
        assertThat(store.deliveries(old.id())).extracting(DeliveryRecord::kind, DeliveryRecord::state)
                .containsExactly(tuple("resolved", DeliveryRecord.PENDING), tuple("resolved", DeliveryRecord.PENDING));
        assertThat(store.alert(old.id())).isPresent();
        // opened as long ago, but open: all of it stays
        assertThat(history(open.id())).containsExactly("fired");
        assertThat(store.deliveries(open.id())).hasSize(2);
        assertThat(retention.prune()).isZero();
    }
}
