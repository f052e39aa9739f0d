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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SMTP server that accepts connections and then says nothing: the read timeout ends the attempt. */
class SilentSmtpIT {
    @TempDir
    Path directory;

    Store store;
    ServerSocket silent;
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    Receiver hook;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).start(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept()); // never writes the SMTP greeting
                } catch (IOException e) {
                    return;
                }
            }
        });
        hook = new Receiver();
        AlertConfig fast = AlertTesting.fastConfig();
        AlertConfig config = new AlertConfig(fast.evaluationInterval(), fast.pollInterval(), 2, fast.queueSize(),
                fast.jobTtl(), fast.maxAttempts(), fast.maxBackoff(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Optional.of(SmtpConfig.plain("127.0.0.1", silent.getLocalPort(), "breakwater@example.com")),
                Optional.empty());
        alerts = Alerts.start(config, store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() throws IOException {
        alerts.close();
        hook.close();
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        store.close();
    }

    @Test
    void aSilentSmtpServerTimesOutWhileOtherChannelsDeliver() throws Exception {
        ChannelRecord email = AlertTesting.channel(store, "on-call", "email", "oncall@example.com", "");
        AlertTesting.channel(store, "ops hook", "webhook", hook.url("/"), "s");

        AlertRecord alert = alerts.book().observe(Condition.internal("disk:spool", "Disk", "91 %", 0), T0)
                .orElseThrow();

        await().atMost(Duration.ofSeconds(2)).until(() -> hook.requests().size() == 1);
        DeliveryRecord mail = await().atMost(Duration.ofSeconds(10))
                .until(() -> store.deliveries(alert.id()).stream()
                        .filter(d -> d.channelId() == email.id()).findFirst().orElseThrow(),
                        d -> d.attempts() == 1);
        assertThat(mail.state()).isEqualTo(DeliveryRecord.PENDING);
        assertThat(mail.lastError()).get().asString().contains("SMTP 127.0.0.1:" + silent.getLocalPort())
                .contains("SocketTimeoutException");
    }
}
