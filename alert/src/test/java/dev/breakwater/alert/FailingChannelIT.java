package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
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

/** A channel that gives up deliveries raises its own alert on the other channels, and it resolves when it recovers. */
class FailingChannelIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    Store store;
    Receiver bad;
    Receiver good;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        bad = new Receiver();
        good = new Receiver();
        AlertConfig fast = AlertTesting.fastConfig();
        AlertConfig config = new AlertConfig(Duration.ofMillis(100), fast.pollInterval(), fast.deliveryThreads(),
                fast.queueSize(), fast.jobTtl(), 1, fast.maxBackoff(), fast.connectTimeout(), fast.sendTimeout(),
                Optional.empty(), Optional.empty());
        alerts = Alerts.start(config, store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        bad.close();
        good.close();
        store.close();
    }

    static List<String> keys(Receiver receiver) {
        return receiver.requests().stream().map(request -> {
            try {
                JsonNode body = JSON.readTree(request.body());
                return body.get("delivery").asText() + " " + body.get("alert").get("key").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aFailingChannelIsReportedOnlyOnTheOtherChannels() throws Exception {
        bad.answer(500);
        ChannelRecord badChannel = AlertTesting.channel(store, "broken hook", "webhook", bad.url("/"), "s");
        ChannelRecord goodChannel = AlertTesting.channel(store, "ops hook", "webhook", good.url("/"), "s");
        String failingKey = ChannelHealth.key(badChannel.id());

        alerts.book().observe(Condition.internal("disk:spool", "Spool disk 90 % full", "91 %", 0), T0);

        await().atMost(Duration.ofSeconds(10)).until(() -> keys(good).contains("fired " + failingKey));
        AlertRecord failing = store.openAlert(failingKey).orElseThrow();
        assertThat(failing.title()).isEqualTo("Notification channel broken hook is failing");
        assertThat(failing.details()).contains("answered HTTP 500");
        assertThat(failing.channelIds()).containsExactly(goodChannel.id());
        assertThat(keys(bad)).containsExactly("fired disk:spool");

        // the channel works again: its next delivery succeeds, and the failing alert resolves on the other channel
        bad.answer(200);
        alerts.book().observe(Condition.internal("lane:events:stuck", "Lane events is stuck", "5 min", 0), T0);
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(good).contains("resolved " + failingKey));
        assertThat(keys(bad)).containsExactly("fired disk:spool", "fired lane:events:stuck");
        assertThat(store.openAlert(failingKey)).isEmpty();
    }
}
