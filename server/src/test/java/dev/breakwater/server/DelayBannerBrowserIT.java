package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.ingest.ProjectKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The processing-delay banner in a real browser: an admin pauses the events lane on the pipeline page while errors
 * keep arriving; every open page shows the banner by itself once the delay passes the threshold, and drops it by
 * itself once the resumed lane has caught up, with the held-back events grouped into their issue.
 */
class DelayBannerBrowserIT {
    private static final By BANNER = By.cssSelector("#delay-banner p.banner");
    private static final String MESSAGE = "payment provider timed out";

    @TempDir
    Path data;

    TestingServer server;
    BrowserSession browser;
    ProjectKey key;
    int sent;

    @BeforeEach
    void start() throws Exception {
        browser = BrowserSession.start(data, Map.of(
                "ui.refresh-interval", "1s",
                "ui.delay-banner-threshold", "2s",
                "ingest.rate-limit-per-second", "0"));
        server = browser.server();
        key = server.defaultKey();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPausedLaneShowsTheBannerUntilItHasCaughtUp() throws Exception {
        browser.signIn("admin", BrowserSession.ADMIN_PASSWORD);
        browser.get("/projects");
        browser.find(By.id("delay-banner"));
        assertThat(browser.all(BANNER)).as("no banner while nothing waits").isEmpty();

        browser.get("/pipeline");
        browser.clickAndLoad(By.cssSelector("table#lanes tr[data-lane=events] button[name=action][value=pause]"));
        browser.find(By.cssSelector("table#lanes tr[data-lane=events] button[name=action][value=resume]"));

        // errors keep coming while the lane is paused: the delay grows past 2 s and the open page says so
        browser.get("/projects");
        browser.find(By.id("delay-banner"));
        browser.script("window.__noReload = 1");
        await().atMost(BrowserSession.LIVE)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    sendEvent();
                    return !browser.all(BANNER).isEmpty();
                });
        assertThat(browser.script("return window.__noReload")).as("the banner came without a reload").isEqualTo(1L);
        String banner = browser.find(BANNER).getText();
        assertThat(banner).containsPattern("behind by \\d+ (s|min)");
        browser.screenshot("delay-banner");

        // every page has it, the pipeline page too
        browser.get("/pipeline");
        assertThat(browser.all(BANNER)).hasSize(1);
        assertThat(browser.find(By.id("processing-delay")).getText()).containsPattern("\\d+ (s|min)");
        browser.screenshot("pipeline-paused");
        browser.clickAndLoad(By.cssSelector("table#lanes tr[data-lane=events] button[name=action][value=resume]"));
        browser.find(By.cssSelector("table#lanes tr[data-lane=events] button[name=action][value=pause]"));

        // the lane catches up: the banner goes away by itself and the held-back errors are one issue
        browser.get("/projects/default/issues");
        browser.find(By.id("issue-list"));
        browser.script("window.__noReload = 2");
        browser.waitUntil(BrowserSession.LIVE, d -> d.findElements(BANNER).isEmpty());
        String issueId = browser.waitForIssueRow(BrowserSession.LIVE, MESSAGE);
        assertThat(browser.script("return window.__noReload")).isEqualTo(2L);
        JsonNode issue = server.api("/api/v1/issues/" + issueId);
        assertThat(issue.path("count").asLong()).as("every event sent while paused").isEqualTo(sent);
        assertThat(browser.all(By.cssSelector("table#issues tr[data-issue-id]"))).hasSize(1);
    }

    private void sendEvent() throws Exception {
        byte[] body = Envelopes.eventJson(Envelopes.eventId(), MESSAGE).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = server.post(
                "/api/" + key.projectId() + "/store/",
                body,
                Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        sent++;
    }
}
