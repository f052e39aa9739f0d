package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static dev.breakwater.alert.TestEvents.batch;
import static dev.breakwater.alert.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerting as the server runs it: committed data in, notifications out, on alerting's own threads. */
class AlertsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    Store store;
    Receiver receiver;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0.plusSeconds(30));

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        receiver = new Receiver();
        AlertConfig fast = AlertTesting.fastConfig();
        alerts = Alerts.start(new AlertConfig(Duration.ofMillis(100), fast.pollInterval(), fast.deliveryThreads(),
                fast.queueSize(), fast.jobTtl(), fast.maxAttempts(), fast.maxBackoff(), fast.connectTimeout(),
                fast.sendTimeout(), Optional.empty(), Optional.empty()), store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        receiver.close();
        store.close();
    }

    List<JsonNode> received() {
        return receiver.requests().stream().map(request -> {
            try {
                return JSON.readTree(request.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aNewIssueCommittedByThePipelineIsNotified() throws Exception {
        long project = AlertTesting.project(store, "shop").id();
        ChannelRecord channel = AlertTesting.channel(store, "ops", "webhook", receiver.url("/"), "s");
        store.createAlertRule(new NewAlertRule(project, "every new issue", "new_issue", 0, 0, false,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(channel.id()), T0));

        store.apply(batch(1, event(project, "e1").fingerprint("checkout")));

        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 1);
        JsonNode body = received().get(0);
        assertThat(body.get("delivery").asText()).isEqualTo("fired");
        assertThat(body.get("project").asLong()).isEqualTo(project);
        assertThat(body.get("alert").get("title").asText())
                .isEqualTo("New issue in shop: ValueError: bad input in checkout");
        assertThat(alerts.metrics().evaluations()).isPositive();
        assertThat(alerts.metrics().evaluationFailures()).isZero();
    }

    @Test
    void aSubmittedConditionIsAppliedOnTheEvaluationThread() throws Exception {
        AlertTesting.channel(store, "ops", "webhook", receiver.url("/"), "s");

        assertThat(alerts.submit(Condition.internal("disk:spool", "Spool disk 90 % full", "91 %", 0))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 1);
        assertThat(received().get(0).get("alert").get("key").asText()).isEqualTo("disk:spool");
        assertThat(store.openAlert("disk:spool")).isPresent();
    }

    @Test
    void anAlertThatFiredWithoutChannelsReachesAChannelAddedLaterOnce() throws Exception {
        ChannelRecord off = AlertTesting.channel(store, "off", "webhook", receiver.url("/off"), "s");
        store.setChannelEnabled(off.id(), false);
        assertThat(alerts.submit(Condition.internal("disk:spool", "Spool disk 90 % full", "91 %", 0))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.openAlert("disk:spool").isPresent()
                && store.alertHistory(store.openAlert("disk:spool").get().id()).size() == 2);
        AlertRecord alert = store.openAlert("disk:spool").orElseThrow();
        assertThat(store.alertHistory(alert.id())).extracting(AlertHistoryEntry::message)
                .containsExactly("fired: 91 %", "no channel to notify");

        AlertTesting.channel(store, "ops", "webhook", receiver.url("/ops"), "s");

        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 1);
        // several evaluations later, still once, and never to the disabled channel
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> received().size() == 1);
        assertThat(receiver.requests().get(0).path()).isEqualTo("/ops");
        JsonNode body = received().get(0);
        assertThat(body.get("delivery").asText()).isEqualTo("fired");
        assertThat(body.get("alert").get("key").asText()).isEqualTo("disk:spool");
        assertThat(body.get("alert").get("state").asText()).isEqualTo("firing");
    }

    @Test
    void closingStopsWithinItsBound() {
        long started = System.nanoTime();
        alerts.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(alerts.submit(Condition.internal("x", "x", "x", 0))).isFalse();
    }
}
