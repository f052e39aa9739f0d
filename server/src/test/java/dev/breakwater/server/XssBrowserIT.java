package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.ingest.ProjectKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Everything in an event comes from whoever holds the DSN, which ships inside every browser app: an event whose
 * message, exception, tags, frames, breadcrumbs, environment, request and user are HTML and script payloads must show
 * them as text on every page, and run none of them, also after the live parts of the page refreshed; the same goes
 * for payloads in the issue list's filters, which come from the address bar.
 */
class XssBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each payload, if it ever runs, sets window.__xss to its own number. */
    private static final String IMG = "<img src=x onerror=\"window.__xss=1\">";
    private static final String SCRIPT = "<script>window.__xss=2</script>";
    private static final String SVG = "\"><svg onload=window.__xss=3>";
    private static final String JS_URL = "javascript:window.__xss=4";
    private static final String FILE = "<img src=x onerror=\"window.__xss=5\">.java";
    private static final String CONTEXT = "<script>window.__xss=6</script> chargeCard();";
    private static final String TAG_KEY = "<b onmouseover=\"window.__xss=7\">k</b>";
    private static final String TAG_VALUE = "\"><svg onload=window.__xss=8>";
    private static final String CRUMB = "<script>window.__xss=9</script> clicked pay";
    private static final String EMAIL = "'><img src=x onerror=window.__xss=11>@example.com";
    private static final String ENVIRONMENT = "\"><svg onload=window.__xss=12>";

    @TempDir
    Path data;

    TestingServer server;
    BrowserSession browser;
    ProjectKey key;

    @BeforeEach
    void start() throws Exception {
        browser = BrowserSession.start(data, Map.of("ui.refresh-interval", "1s"));
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
    void payloadsInEveryFieldAreShownAsTextAndNeverRun() throws Exception {
        sendHostileEvent();
        browser.signIn("admin", BrowserSession.ADMIN_PASSWORD);

        // the issues list, before and after its live part was swapped in by htmx
        browser.get("/projects/default/issues");
        browser.find(By.id("issue-list"));
        String issueId = browser.waitForIssueRow(BrowserSession.LIVE, "XssProbeException");
        browser.awaitLiveRefreshes(2);
        assertThat(browser.find(By.cssSelector("tr[data-issue-id='" + issueId + "']")).getText()).contains(IMG);
        assertInert("the issues list");

        // the issue page shows every field literally
        browser.get("/issues/" + issueId);
        assertThat(browser.find(By.id("issue-title")).getText()).contains("<img src=x").contains(IMG);
        String stacktrace = browser.find(By.id("stacktrace")).getText();
        assertThat(stacktrace).contains(SVG).contains(FILE).contains(CONTEXT);
        assertThat(browser.find(By.id("tags")).getText()).contains(TAG_KEY).contains(TAG_VALUE).contains(JS_URL);
        assertThat(browser.find(By.id("breadcrumbs")).getText()).contains(CRUMB);
        String page = browser.find(By.id("main")).getText();
        assertThat(page).as("message, environment, request URL and user e-mail")
                .contains(SCRIPT).contains(ENVIRONMENT).contains(JS_URL).contains(EMAIL);
        assertInert("the issue page");

        // the raw JSON, opened
        WebElement raw = browser.find(By.cssSelector("details#raw-json"));
        raw.findElement(By.tagName("summary")).click();
        browser.waitUntil(BrowserSession.PAGE, d -> raw.getAttribute("open") != null);
        assertThat(raw.getText()).contains(SCRIPT).contains(JS_URL).contains("<img src=x onerror=");
        assertInert("the raw JSON");
        browser.screenshot("issue-xss");

        // filters echo what is typed into the address bar: a link someone is sent must not run script either
        browser.get("/projects/default/issues?environment=" + urlEncoded(ENVIRONMENT) + "&query=" + urlEncoded(SVG));
        browser.waitUntil(BrowserSession.PAGE,
                d -> ENVIRONMENT.equals(d.findElement(By.id("filter-environment")).getDomProperty("value")));
        assertThat(browser.find(By.id("filter-query")).getDomProperty("value")).isEqualTo(SVG);
        browser.find(By.cssSelector("tr[data-issue-id='" + issueId + "']"));
        browser.awaitLiveRefreshes(1);
        assertInert("the filtered issues list");
    }

    private static String urlEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Nothing ran and no element a payload spelled out exists in the page. */
    private void assertInert(String where) {
        assertThat(browser.windowHas("__xss")).as("a payload ran on " + where + ": window.__xss = %s",
                browser.script("return String(window.__xss)")).isFalse();
        for (String selector : List.of("img[src=x]", "svg[onload]", "[onerror]", "[onload]", "[onmouseover]",
                "a[href^='javascript:' i]", "script:not([src])")) {
            assertThat(browser.all(By.cssSelector(selector))).as(selector + " on " + where).isEmpty();
        }
    }

    private void sendHostileEvent() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", Envelopes.eventId());
        event.put("platform", "java");
        event.put("level", "error");
        event.put("timestamp", Instant.now().getEpochSecond());
        event.put("message", SCRIPT);
        event.put("environment", ENVIRONMENT);
        ObjectNode exception = event.putObject("exception").putArray("values").addObject();
        exception.put("type", "XssProbeException");
        exception.put("value", IMG);
        var frames = exception.putObject("stacktrace").putArray("frames");
        frames.addObject()
                .put("module", "java.lang.Thread")
                .put("function", "run")
                .put("filename", "Thread.java")
                .put("lineno", 1583)
                .put("in_app", false);
        ObjectNode hostile = frames.addObject()
                .put("module", "shop.Checkout")
                .put("function", SVG)
                .put("filename", FILE)
                .put("lineno", 7)
                .put("in_app", true)
                .put("context_line", CONTEXT);
        hostile.putArray("pre_context").add(JS_URL);
        hostile.putArray("post_context").add(IMG);
        event.putObject("tags").put(TAG_KEY, TAG_VALUE).put("link", JS_URL);
        event.putObject("breadcrumbs").putArray("values").addObject()
                .put("timestamp", Instant.now().getEpochSecond())
                .put("category", "ui.click")
                .put("level", "info")
                .put("message", CRUMB)
                .putObject("data").put("url", JS_URL);
        event.putObject("request").put("method", "GET").put("url", JS_URL);
        event.putObject("user").put("id", "42").put("email", EMAIL);

        HttpResponse<String> response = server.post(
                "/api/" + key.projectId() + "/store/",
                JSON.writeValueAsBytes(event),
                Map.of("X-Sentry-Auth", Envelopes.sentryAuth(key.publicKey()), "Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
