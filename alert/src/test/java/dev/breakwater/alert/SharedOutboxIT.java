package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewDelivery;
import dev.breakwater.store.Store;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers' outbox dispatchers on one PostgreSQL database, each with its own store (connection pool), polling at the
 * same time: every delivery reaches the real receiver exactly once, and a lease left by a server that died is taken
 * over once it runs out.
 */
class SharedOutboxIT {
    static final int CHANNELS = 6;
    static final int ALERTS = 60;

    Store first;
    Store second;
    Receiver receiver;
    final List<OutboxDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        TestingDatabase database = TestingPostgres.newDatabase();
        first = AlertTesting.postgres(database);
        second = AlertTesting.postgres(database);
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        dispatchers.forEach(OutboxDispatcher::close);
        receiver.close();
        first.close();
        second.close();
    }

    OutboxDispatcher start(Store store) {
        AlertConfig config = AlertTesting.fastConfig();
        JsonPost post = new JsonPost(config.connectTimeout(), config.sendTimeout());
        OutboxDispatcher dispatcher = new OutboxDispatcher(config, store, Clock.systemUTC(),
                List.of(new WebhookSender(post)), new ChannelHealth(), new AlertMetrics(new SimpleMeterRegistry()));
        dispatchers.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** Queues one delivery to each of {@code channelCount} channels for each of {@code count} alerts; their ids. */
    List<Long> queue(int count, int channelCount, Instant at) throws Exception {
        List<Long> channels = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            channels.add(AlertTesting.channel(first, "hook " + c, "webhook", receiver.url("/hook/" + c), "s").id());
        }
        List<Long> ids = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            AlertRecord alert = new AlertRecord(0, "test:" + a, Optional.empty(), Optional.empty(), "Alert " + a,
                    "details", AlertRecord.FIRING, 0, channels, at, Optional.empty(), Optional.empty(),
                    Optional.empty(), at);
            String payload = NotificationPayload.of(NotificationPayload.FIRED, alert, at);
            List<NewDelivery> deliveries = channels.stream()
                    .map(channel -> new NewDelivery(channel, NotificationPayload.FIRED, payload)).toList();
            AlertRecord stored = first.applyAlertChange(new AlertChange(alert, "fired", "fired", at, deliveries));
            first.deliveries(stored.id()).forEach(delivery -> ids.add(delivery.id()));
        }
        return ids;
    }

    Map<String, Long> receivedPerDelivery() {
        return receiver.requests().stream().collect(Collectors.groupingBy(
                request -> request.header(WebhookSender.DELIVERY_HEADER), Collectors.counting()));
    }

    @Test
    void twoDispatchersOnOneDatabaseSendEveryDeliveryExactlyOnce() throws Exception {
        List<Long> ids = queue(ALERTS, CHANNELS, Instant.now());
        start(first);
        start(second);

        await().atMost(Duration.ofSeconds(60)).until(() -> first.dueDeliveries(Instant.now().plusSeconds(3600), 10)
                .isEmpty() && receiver.requests().size() >= ids.size());
        // give a duplicate every chance to show up
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests().size() == ids.size());

        Map<String, Long> received = receivedPerDelivery();
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(
                ids.stream().map(String::valueOf).toList());
        assertThat(received.values()).allMatch(times -> times == 1);
        List<DeliveryRecord> stored = new ArrayList<>();
        for (AlertRecord alert : first.alerts(Optional.empty(), 1000)) {
            stored.addAll(first.deliveries(alert.id()));
        }
        assertThat(stored).hasSize(ids.size()).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo(DeliveryRecord.DELIVERED);
            assertThat(delivery.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aLeaseLeftByADeadServerIsTakenOverOnceItRunsOut() throws Exception {
        List<Long> ids = queue(1, 1, Instant.now());
        Instant now = Instant.now();
        // a server claimed the delivery and died before sending it
        assertThat(first.claimDeliveries(ids, "dead-server", now, now.plusSeconds(2))).hasSize(1);
        start(second);

        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> receiver.requests().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests().isEmpty());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.requests().size() == 1);
        assertThat(receivedPerDelivery()).containsOnlyKeys(String.valueOf(ids.get(0)));
    }
}
