package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Email through a real SMTP server (GreenMail). */
class EmailDeliveryIT {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path directory;

    Store store;
    Alerts alerts;
    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void setUp() throws Exception {
        store = AlertTesting.sqlite(directory);
        SmtpConfig smtp = SmtpConfig.plain("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), "breakwater@example.com");
        alerts = Alerts.start(AlertTesting.fastConfig().withSmtp(smtp).withPublicUrl(URI.create("https://bw.example")),
                store, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        store.close();
    }

    @Test
    void firingAndResolutionArriveAsPlainTextEmails() throws Exception {
        AlertTesting.channel(store, "on-call", "email", "oncall@example.com", "");
        Condition disk = Condition.internal("disk:spool", "Spool disk 90 % full", "/var/lib/breakwater is 91 % full",
                0);
        AlertRecord alert = alerts.book().observe(disk, T0).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> GREEN_MAIL.getReceivedMessages().length == 1);
        MimeMessage fired = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(fired.getSubject()).isEqualTo("[Breakwater] FIRING: Spool disk 90 % full");
        assertThat(fired.getFrom()[0].toString()).isEqualTo("breakwater@example.com");
        assertThat(fired.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(fired.getContentType()).startsWith("text/plain");
        String body = GreenMailUtil.getBody(fired).replace("\r\n", "\n");
        assertThat(body).contains("/var/lib/breakwater is 91 % full")
                .contains("Alert:   " + alert.id() + " (disk:spool)")
                .contains("https://bw.example/alerts/" + alert.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> store.deliveries(alert.id()).get(0).state()
                .equals(DeliveryRecord.DELIVERED));

        clock.advance(Duration.ofSeconds(60));
        alerts.book().observe(Condition.cleared("disk:spool", "70 % full"), clock.instant());

        await().atMost(Duration.ofSeconds(10)).until(() -> GREEN_MAIL.getReceivedMessages().length == 2);
        assertThat(GREEN_MAIL.getReceivedMessages()[1].getSubject())
                .isEqualTo("[Breakwater] RESOLVED: Spool disk 90 % full");
    }
}
