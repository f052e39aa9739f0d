package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.server.drill.WebhookReceiver;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Alerting in a real browser, end to end: an admin adds a webhook channel and a new-issue rule through the forms, an
 * error arrives, the alert shows up on the alerts page without a reload and the webhook receives it (signature
 * checked), the admin acknowledges it with a snooze; the incidents page and the public status page render.
 */
class AlertingBrowserIT {
    @TempDir
    Path data;

    BrowserSession browser;
    TestingServer server;

    @BeforeEach
    void start() throws Exception {
        browser = BrowserSession.start(data, Map.of(
                "ui.refresh-interval", "1s",
                "alert.evaluation-interval", "1s",
                "alert.poll-interval", "200ms",
                "monitor.interval", "1s"));
        server = browser.server();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aNewIssueAlertIsSeenNotifiedAndAcknowledged() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("not-known-yet", Clock.systemUTC())) {
            browser.signIn("admin", BrowserSession.ADMIN_PASSWORD);

            browser.get("/channels");
            browser.find(By.id("channel-name")).sendKeys("team hook");
            new Select(browser.find(By.id("channel-kind"))).selectByValue("webhook");
            browser.find(By.id("channel-target")).sendKeys(receiver.url());
            browser.clickAndLoad(By.id("add-channel"));
            assertThat(browser.find(By.id("channels")).getText()).contains("team hook");
            ChannelRecord channel = server.breakwater.store().channels().getFirst();
            receiver.useSecret(channel.secret());
            browser.screenshot("channels");

            browser.get("/projects/default/alert-rules");
            browser.find(By.id("rule-name")).sendKeys("every new issue");
            new Select(browser.find(By.id("rule-kind"))).selectByValue("new_issue");
            browser.click(By.cssSelector("input[name=channel][value='" + channel.id() + "']"));
            browser.clickAndLoad(By.id("create-rule"));
            assertThat(browser.find(By.id("alert-rules")).getText()).contains("every new issue");
            browser.screenshot("alert-rules");

            browser.get("/alerts");
            browser.script("window.__noReload = 1");
            sendError();
            String row = browser.waitForText(BrowserSession.LIVE, By.cssSelector("#alerts tr[data-alert-id]"),
                    text -> text.contains("CardDeclined"));
            assertThat(row).contains("firing");
            assertThat(browser.script("return window.__noReload")).as("seen without a reload").isEqualTo(1L);
            // Only the rule's deliveries: the channel also gets Breakwater's own alerts, e.g. a store pool that had a
            // thread waiting for a connection while this busy test ran.
            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFromRules().isEmpty());
            List<WebhookReceiver.Received> received = receiver.receivedFromRules();
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.deliveryKind()).isEqualTo("fired");
                assertThat(r.title()).contains("CardDeclined");
                assertThat(r.signatureValid()).isTrue();
            });
            browser.screenshot("alerts");

            browser.clickAndLoad(By.cssSelector("#alerts a.alert-title"));
            new Select(browser.find(By.name("snooze"))).selectByIndex(1);
            browser.clickAndLoad(By.id("ack"));
            assertThat(browser.find(By.id("alert-state")).getText()).isEqualTo("acknowledged");
            assertThat(browser.find(By.id("alert-history")).getText()).contains("acknowledged");
            AlertRecord stored = server.breakwater.store().alerts(Optional.empty(), 10).stream()
                    .filter(alert -> alert.ruleId().isPresent())
                    .findFirst()
                    .orElseThrow();
            assertThat(stored.state()).isEqualTo(AlertRecord.ACKNOWLEDGED);
            assertThat(stored.snoozeUntil()).isPresent();
            browser.screenshot("alert");

            browser.get("/incidents");
            browser.find(By.id("main"));
            browser.screenshot("incidents");

            browser.click(By.cssSelector("form.signout button"));
            browser.waitUntil(BrowserSession.PAGE, d -> browser.path().startsWith("/signin"));
            browser.get("/status");
            String status = browser.find(By.id("main")).getText();
            assertThat(status).contains("Ingest API").contains("Processing: events").contains("Notifications");
            browser.screenshot("status");
        }
    }

    private void sendError() throws Exception {
        ProjectKey key = server.defaultKey();
        String event = "{\"event_id\":\"" + Envelopes.eventId() + "\",\"level\":\"error\",\"platform\":\"java\","
                + "\"exception\":{\"values\":[{\"type\":\"CardDeclined\",\"value\":\"card declined for order 77\"}]}}";
        HttpResponse<String> response = server.post("/api/" + key.projectId() + "/store/", event.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
