package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed deliveries: retries with capped back-off, giving up after the last attempt, and saying so. */
class OutboxRetryIT {
    @TempDir
    Path directory;

    Store store;
    Receiver receiver;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        receiver = new Receiver();
        alerts = Alerts.start(AlertTesting.fastConfig(), store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        receiver.close();
        store.close();
    }

    DeliveryRecord only(long alertId) throws Exception {
        List<DeliveryRecord> deliveries = store.deliveries(alertId);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    DeliveryRecord awaitAttempts(long alertId, int attempts) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> only(alertId), d -> d.attempts() == attempts);
    }

    static Condition condition() {
        return Condition.internal("lane:events:stuck", "Lane events is stuck", "no progress for 5 minutes", 0);
    }

    @Test
    void aFailingEndpointIsRetriedWithGrowingBackoffThenGivenUpAndTheHistorySaysSo() throws Exception {
        receiver.answer(500);
        AlertTesting.channel(store, "ops", "slack", receiver.url("/services/T000/B000/SECRETTOKEN"), "");
        AlertRecord alert = alerts.book().observe(condition(), T0).orElseThrow();

        DeliveryRecord first = awaitAttempts(alert.id(), 1);
        assertThat(first.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(first.lastError()).get().asString().contains("HTTP 500").doesNotContain("SECRETTOKEN");
        assertThat(first.nextAttemptAt()).isBetween(T0.plusSeconds(1), T0.plusSeconds(2));
        // not due yet: nothing more happens until the clock reaches the retry time
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> receiver.requests().size() == 1);

        clock.set(first.nextAttemptAt().toEpochMilli());
        DeliveryRecord second = awaitAttempts(alert.id(), 2);
        Instant secondAt = first.nextAttemptAt();
        assertThat(second.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(second.nextAttemptAt()).isBetween(secondAt.plusSeconds(2), secondAt.plusSeconds(4));

        clock.set(second.nextAttemptAt().toEpochMilli());
        DeliveryRecord last = awaitAttempts(alert.id(), 3);
        assertThat(last.state()).isEqualTo(DeliveryRecord.FAILED);
        assertThat(last.lastError()).get().asString().contains("HTTP 500");
        assertThat(receiver.requests()).hasSize(3);
        assertThat(store.alertHistory(alert.id())).extracting(AlertHistoryEntry::kind)
                .containsExactly("fired", "delivery_failed");
        assertThat(alerts.metrics().failed()).isEqualTo(2);
        assertThat(alerts.metrics().givenUp()).isEqualTo(1);
        assertThat(alerts.metrics().sent()).isZero();

        clock.advance(Duration.ofHours(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> receiver.requests().size() == 3);
    }

    @Test
    void anEndpointThatRecoversGetsTheDeliveryOnTheNextAttempt() throws Exception {
        receiver.answer(503);
        AlertTesting.channel(store, "ops", "webhook", receiver.url("/hook"), "s");
        AlertRecord alert = alerts.book().observe(condition(), T0).orElseThrow();
        DeliveryRecord first = awaitAttempts(alert.id(), 1);

        receiver.answer(204);
        clock.set(first.nextAttemptAt().toEpochMilli());

        DeliveryRecord done = awaitAttempts(alert.id(), 2);
        assertThat(done.state()).isEqualTo(DeliveryRecord.DELIVERED);
        assertThat(receiver.requests()).extracting(r -> r.header("X-Breakwater-Delivery"))
                .containsExactly(Long.toString(done.id()), Long.toString(done.id()));
    }

    @Test
    void anUnreachableEndpointIsRetriedAndNamedWithoutItsPath() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlertTesting.channel(store, "gone", "webhook", "http://127.0.0.1:" + closedPort + "/secret-path", "s");
        AlertRecord alert = alerts.book().observe(condition(), T0).orElseThrow();

        DeliveryRecord first = awaitAttempts(alert.id(), 1);
        assertThat(first.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(first.lastError()).get().asString()
                .contains("127.0.0.1:" + closedPort)
                .doesNotContain("secret-path");
    }

    @Test
    void aChannelThatCanNeverWorkIsGivenUpAtOnce() throws Exception {
        ChannelRecord email = AlertTesting.channel(store, "ops mail", "email", "ops@example.com", "");
        ChannelRecord broken = AlertTesting.channel(store, "broken", "webhook", "not a url at all", "s");
        AlertRecord alert = alerts.book().observe(condition(), T0).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.deliveries(alert.id()).stream()
                .allMatch(d -> d.state().equals(DeliveryRecord.FAILED)));
        List<DeliveryRecord> deliveries = store.deliveries(alert.id());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        assertThat(deliveries).filteredOn(d -> d.channelId() == email.id()).singleElement()
                .satisfies(d -> assertThat(d.lastError()).get().asString().contains("alert.smtp.host"));
        assertThat(deliveries).filteredOn(d -> d.channelId() == broken.id()).singleElement()
                .satisfies(d -> assertThat(d.lastError()).get().asString().contains("not a URL"));
        assertThat(alerts.metrics().givenUp()).isEqualTo(2);
        assertThat(store.alertHistory(alert.id())).extracting(AlertHistoryEntry::kind)
                .containsExactly("fired", "delivery_failed", "delivery_failed");
    }
}
