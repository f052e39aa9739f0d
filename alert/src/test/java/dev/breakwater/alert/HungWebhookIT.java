package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
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

/** The delivery bulkhead: an endpoint that never answers costs one thread for the send timeout, nothing more. */
class HungWebhookIT {
    @TempDir
    Path directory;

    Store store;
    Receiver hung;
    Receiver good;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        hung = new Receiver();
        hung.hang();
        good = new Receiver();
    }

    @AfterEach
    void tearDown() {
        hung.close(); // answers the hung requests, so closing alerting need not wait for their timeouts
        if (alerts != null) {
            alerts.close();
        }
        good.close();
        store.close();
    }

    static AlertConfig config(int threads, Duration jobTtl, Duration sendTimeout) {
        AlertConfig fast = AlertTesting.fastConfig();
        return new AlertConfig(fast.evaluationInterval(), fast.pollInterval(), threads, fast.queueSize(), jobTtl,
                fast.maxAttempts(), fast.maxBackoff(), Duration.ofSeconds(1), sendTimeout, Optional.empty(),
                Optional.empty());
    }

    static Condition condition(String key, long channelId) {
        return new Condition(key, key, "details", true, 0, Optional.empty(), Optional.empty(), List.of(channelId),
                Optional.empty());
    }

    @Test
    void aHungWebhookDoesNotDelayDeliveriesToAnotherChannel() throws Exception {
        alerts = Alerts.start(config(2, Duration.ofSeconds(30), Duration.ofSeconds(3)), store, clock,
                new SimpleMeterRegistry());
        ChannelRecord hungChannel = AlertTesting.channel(store, "hung", "webhook", hung.url("/"), "s");
        ChannelRecord goodChannel = AlertTesting.channel(store, "good", "webhook", good.url("/"), "s");

        AlertRecord first = alerts.book().observe(Condition.internal("disk:spool", "Disk", "91 %", 0), T0)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(2)).until(() -> good.requests().size() == 1 && hung.requests().size() == 1);

        // the hung channel holds one delivery thread; the next notifications still go out at once
        alerts.book().observe(Condition.internal("lane:events:stuck", "Lane", "5 min", 0), T0);
        await().atMost(Duration.ofSeconds(2)).until(() -> good.requests().size() == 2);
        assertThat(hung.requests()).hasSize(1); // its second delivery waits for the first: one at a time per channel

        // the hung send gives up at the send timeout and is retried later
        DeliveryRecord timedOut = await().atMost(Duration.ofSeconds(10))
                .until(() -> store.deliveries(first.id()).stream()
                        .filter(d -> d.channelId() == hungChannel.id()).findFirst().orElseThrow(),
                        d -> d.attempts() == 1);
        assertThat(timedOut.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(timedOut.lastError()).get().asString().contains("no answer").contains("3000 ms");
        assertThat(store.deliveries(first.id())).filteredOn(d -> d.channelId() == goodChannel.id())
                .singleElement().extracting(DeliveryRecord::state).isEqualTo(DeliveryRecord.DELIVERED);
    }

    @Test
    void aDeliveryThatWaitedLongerThanTheJobTtlIsDroppedAndSentAtTheNextPoll() throws Exception {
        alerts = Alerts.start(config(1, Duration.ofMillis(300), Duration.ofSeconds(2)), store, clock,
                new SimpleMeterRegistry());
        ChannelRecord hungChannel = AlertTesting.channel(store, "hung", "webhook", hung.url("/"), "s");
        ChannelRecord goodChannel = AlertTesting.channel(store, "good", "webhook", good.url("/"), "s");

        alerts.book().observe(condition("to-hung", hungChannel.id()), T0);
        await().atMost(Duration.ofSeconds(2)).until(() -> hung.requests().size() == 1);
        AlertRecord second = alerts.book().observe(condition("to-good", goodChannel.id()), T0).orElseThrow();

        // the only delivery thread is stuck for 2 s, so the queued job outlives its 300 ms TTL and is dropped
        await().atMost(Duration.ofSeconds(10)).until(() -> good.requests().size() == 1);
        assertThat(alerts.metrics().deliveriesDropped()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.deliveries(second.id()).get(0).state()
                .equals(DeliveryRecord.DELIVERED));
        assertThat(store.deliveries(second.id()).get(0).attempts()).isEqualTo(1);
    }

    @Test
    void whenTheDeliveryQueueIsFullDeliveriesWaitInTheOutboxForTheNextPoll() throws Exception {
        AlertConfig fast = AlertTesting.fastConfig();
        alerts = Alerts.start(new AlertConfig(fast.evaluationInterval(), fast.pollInterval(), 1, 1,
                Duration.ofSeconds(30), fast.maxAttempts(), fast.maxBackoff(), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Optional.empty(), Optional.empty()), store, clock, new SimpleMeterRegistry());
        try (Receiver other = new Receiver()) {
            ChannelRecord hungChannel = AlertTesting.channel(store, "hung", "webhook", hung.url("/"), "s");
            ChannelRecord goodChannel = AlertTesting.channel(store, "good", "webhook", good.url("/"), "s");
            ChannelRecord otherChannel = AlertTesting.channel(store, "other", "webhook", other.url("/"), "s");
            alerts.book().observe(condition("to-hung", hungChannel.id()), T0);
            await().atMost(Duration.ofSeconds(2)).until(() -> hung.requests().size() == 1);

            // one thread (stuck) and a queue of one: one of the two jobs is queued, the other stays in the outbox
            alerts.book().observe(condition("to-good", goodChannel.id()), T0);
            alerts.book().observe(condition("to-other", otherChannel.id()), T0);
            await().atMost(Duration.ofSeconds(2)).until(() -> alerts.metrics().deliveriesDeferred() >= 1);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> good.requests().size() == 1 && other.requests().size() == 1);
        }
    }
}
