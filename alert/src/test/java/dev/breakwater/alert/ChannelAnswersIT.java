package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a webhook or Slack endpoint's answer means for the delivery, against a real local receiver: a 4xx other than
 * 408 and 429 rejects the notification itself, so it fails at once with the status and the answer's reason; 429
 * (honouring Retry-After up to alert.max-backoff), 5xx keep the capped back-off. The clock stands still, so every
 * retry time is exact.
 */
class ChannelAnswersIT {
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
        // max-backoff 8 s, 3 attempts
        alerts = Alerts.start(AlertTesting.fastConfig(), store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        receiver.close();
        store.close();
    }

    AlertRecord fire(String kind) throws Exception {
        AlertTesting.channel(store, "ops", kind, receiver.url("/services/T000/B000/SECRETTOKEN"), "s");
        return alerts.book().observe(Condition.internal("lane:events:stuck", "Lane events is stuck",
                "no progress for 5 minutes", 0), T0).orElseThrow();
    }

    DeliveryRecord awaitAttempts(long alertId, int attempts) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<DeliveryRecord> deliveries = store.deliveries(alertId);
            assertThat(deliveries).hasSize(1);
            return deliveries.get(0);
        }, delivery -> delivery.attempts() == attempts);
    }

    @Test
    void aWebhookAnswering400FailsAtOnceWithTheStatusAndTheReason() throws Exception {
        receiver.answer(400, "{\"error\": \"unknown field\n 'alert'\"}", Map.of("Content-Type", "application/json"));
        AlertRecord alert = fire("webhook");

        DeliveryRecord failed = awaitAttempts(alert.id(), 1);
        assertThat(failed.state()).isEqualTo(DeliveryRecord.FAILED);
        assertThat(failed.lastError()).get().asString()
                .contains("HTTP 400")
                .contains("{\"error\": \"unknown field 'alert'\"}")
                .doesNotContain("SECRETTOKEN");
        assertThat(store.alertHistory(alert.id())).extracting(AlertHistoryEntry::kind)
                .containsExactly("fired", "delivery_failed");
        assertThat(alerts.metrics().givenUp()).isEqualTo(1);
        assertThat(alerts.metrics().failed()).isZero();

        // no retry, however long one waits
        clock.advance(Duration.ofHours(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.requests().size() == 1);
    }

    @Test
    void aSlackWebhookAnswering410FailsAtOnceAndALongReasonIsCut() throws Exception {
        receiver.answer(410, "no_service " + "x".repeat(5000), Map.of());
        AlertRecord alert = fire("slack");

        DeliveryRecord failed = awaitAttempts(alert.id(), 1);
        assertThat(failed.state()).isEqualTo(DeliveryRecord.FAILED);
        assertThat(failed.lastError()).get().asString().contains("HTTP 410: no_service xxx").hasSizeLessThan(300);
        clock.advance(Duration.ofHours(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.requests().size() == 1);
    }

    @Test
    void aWebhookAnswering429IsRetriedWhenItsRetryAfterSaysUpToTheCap() throws Exception {
        receiver.answer(429, "slow down", Map.of("Retry-After", "5"));
        AlertRecord alert = fire("webhook");

        DeliveryRecord first = awaitAttempts(alert.id(), 1);
        assertThat(first.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(first.lastError()).get().asString().contains("HTTP 429: slow down");
        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));

        receiver.answer(429, "", Map.of("Retry-After", "3600"));
        clock.set(first.nextAttemptAt().toEpochMilli());
        DeliveryRecord second = awaitAttempts(alert.id(), 2);
        assertThat(second.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(second.nextAttemptAt()).as("capped at alert.max-backoff").isEqualTo(T0.plusSeconds(5 + 8));

        receiver.answer(204);
        clock.set(second.nextAttemptAt().toEpochMilli());
        assertThat(awaitAttempts(alert.id(), 3).state()).isEqualTo(DeliveryRecord.DELIVERED);
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateCountsFromNow() throws Exception {
        String inSixSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(6));
        receiver.answer(429, "", Map.of("Retry-After", inSixSeconds));
        AlertRecord alert = fire("webhook");

        DeliveryRecord first = awaitAttempts(alert.id(), 1);
        assertThat(first.state()).isEqualTo(DeliveryRecord.PENDING);
        // the date has whole seconds, and a moment passed before the answer was read
        assertThat(first.nextAttemptAt()).isBetween(T0.plusSeconds(3), T0.plusSeconds(6));
    }

    @Test
    void aSlackWebhookAnswering503IsRetriedWithBackoffUntilTheLastAttempt() throws Exception {
        receiver.answer(503, "maintenance", Map.of());
        AlertRecord alert = fire("slack");

        DeliveryRecord first = awaitAttempts(alert.id(), 1);
        assertThat(first.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(first.lastError()).get().asString().contains("HTTP 503: maintenance");
        assertThat(first.nextAttemptAt()).isBetween(T0.plusSeconds(1), T0.plusSeconds(2));

        receiver.answer(503, "", Map.of("Retry-After", "7"));
        clock.set(first.nextAttemptAt().toEpochMilli());
        DeliveryRecord second = awaitAttempts(alert.id(), 2);
        assertThat(second.nextAttemptAt()).isEqualTo(first.nextAttemptAt().plusSeconds(7));

        clock.set(second.nextAttemptAt().toEpochMilli());
        DeliveryRecord last = awaitAttempts(alert.id(), 3);
        assertThat(last.state()).as("given up after alert.max-attempts").isEqualTo(DeliveryRecord.FAILED);
        assertThat(receiver.requests()).hasSize(3);
    }
}
