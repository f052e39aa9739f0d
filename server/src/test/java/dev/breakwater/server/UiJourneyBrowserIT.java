package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A new user's first error, in a real browser: sign in, create a project, copy its DSN into the real sentry-java
 * SDK, watch the error appear in the open issues list without reloading, read its stack trace, resolve it, and see
 * it come back as a regression when it happens again. Saves a screenshot of every main page on the way (and the
 * issues list at phone width) to {@code target/screenshots}.
 */
class UiJourneyBrowserIT {
    private static final Pattern SETUP_PATH = Pattern.compile("^/projects/([^/?]+)/setup$");
    /** Chromium asks every site for a favicon; Breakwater has none, and that is no error of the page. */
    private static final Pattern HARMLESS = Pattern.compile("favicon\\.ico");

    @TempDir
    Path data;

    TestingServer server;
    BrowserSession browser;

    @BeforeEach
    void start() throws Exception {
        browser = BrowserSession.start(data, Map.of("ui.refresh-interval", "1s"));
        server = browser.server();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aFirstErrorIsSeenLiveResolvedAndSeenAgainAsARegression() throws Exception {
        signInAfterAWrongPassword();
        String setupPath = createProject("Checkout");
        Matcher setup = SETUP_PATH.matcher(setupPath);
        assertThat(setup.matches()).as("after creating a project: %s", setupPath).isTrue();
        String slug = setup.group(1);
        String dsn = browser.find(By.cssSelector("code#dsn")).getText().strip();
        assertThat(dsn).startsWith("http://").contains("@127.0.0.1:");
        assertThat(browser.find(By.cssSelector("code#rollbar-token")).getText()).isNotBlank();
        assertNoConsoleErrors("set-up");
        browser.screenshot("setup");

        browser.get("/projects");
        assertThat(browser.find(By.id("projects")).getText()).contains("Checkout");
        assertNoConsoleErrors("projects");
        browser.screenshot("projects");

        // the issues list is open, and stays open: the error must arrive by itself
        browser.get("/projects/" + slug + "/issues");
        browser.find(By.id("issue-list"));
        browser.script("window.__noReload = 1");
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease("checkout@1.4.0");
            options.setEnvironment("production");
            options.addInAppInclude(UiJourneyBrowserIT.class.getPackageName());
        });
        try {
            Sentry.configureScope(scope -> scope.setTag("checkout-step", "payment"));
            Sentry.addBreadcrumb("clicked pay");
            captureDeclinedCard();
            String issueId = browser.waitForIssueRow(BrowserSession.LIVE, "card declined");
            assertThat(browser.script("return window.__noReload")).as("the list updated without a reload").isEqualTo(1L);
            assertThat(browser.all(By.cssSelector(row(issueId) + " .badge.regressed"))).isEmpty();
            assertNoConsoleErrors("issues");
            browser.screenshot("issues");
            atPhoneWidth(() -> {
                browser.get("/projects/" + slug + "/issues");
                browser.find(By.cssSelector(row(issueId)));
                browser.screenshot("issues-phone");
                assertFitsWidth("issues list");
            });

            issuePageShowsWhereItWasThrown(slug, issueId);
            resolve(slug, issueId);

            // the same error again: back in the unresolved tab, by itself, marked as a regression
            browser.script("window.__noReload = 2");
            captureDeclinedCard();
            browser.waitUntil(BrowserSession.LIVE, d -> !d.findElements(By.cssSelector(row(issueId) + " .badge.regressed")).isEmpty());
            assertThat(browser.script("return window.__noReload")).isEqualTo(2L);

            ignoreWithTheBulkForm(issueId);
        } finally {
            Sentry.close();
        }
        otherPagesRender(slug);
    }

    /** A page asked for first leads to the form, a wrong password says so, the right one leads back. */
    private void signInAfterAWrongPassword() {
        browser.get("/projects");
        assertThat(browser.path()).startsWith("/signin");
        browser.screenshot("signin");
        browser.submitSignIn("admin", "not-the-password");
        assertThat(browser.find(By.id("signin-error")).getText()).containsIgnoringCase("wrong");
        assertThat(browser.path()).startsWith("/signin");
        browser.clearConsole(); // the 401 of the wrong password
        browser.signIn("admin", BrowserSession.ADMIN_PASSWORD);
        assertThat(browser.path()).isEqualTo("/projects");
        assertThat(browser.all(By.cssSelector("nav[aria-label=Main] a"))).isNotEmpty();
        assertThat(browser.all(By.cssSelector("form.signout"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("#delay-banner p.banner"))).isEmpty();
    }

    /** Creates a project with the form on the projects page; returns the path it leads to. */
    private String createProject(String name) {
        browser.find(By.id("project-name")).sendKeys(name);
        browser.clickAndLoad(By.xpath("//input[@id='project-name']/ancestor::form//button[@type='submit']"));
        return browser.path();
    }

    /** The issue page: the stack trace names the method that threw, in an in-app frame, and the event's context. */
    private void issuePageShowsWhereItWasThrown(String slug, String issueId) {
        browser.get("/projects/" + slug + "/issues");
        browser.clickAndLoad(By.cssSelector(row(issueId) + " a.issue-title"));
        assertThat(browser.path()).isEqualTo("/issues/" + issueId);
        assertThat(browser.find(By.id("issue-title")).getText()).contains("IllegalStateException").contains("card declined");
        assertThat(browser.find(By.id("issue-status")).getText()).containsIgnoringCase("unresolved");
        assertThat(browser.all(By.cssSelector("#stacktrace li.frame.in-app")))
                .as("in-app frames")
                .anySatisfy(frame -> assertThat(frame.getText()).contains("chargeTheCard"));
        assertThat(browser.all(By.cssSelector("#stacktrace li.frame:not(.in-app)")))
                .as("frames of the JDK and JUnit are not in-app")
                .isNotEmpty();
        for (String part : new String[] {"breadcrumbs", "tags", "event-nav", "raw-json"}) {
            assertThat(browser.all(By.id(part))).as("#" + part).hasSize(1);
        }
        assertThat(browser.find(By.id("tags")).getText()).contains("checkout-step").contains("payment");
        assertThat(browser.find(By.id("breadcrumbs")).getText()).contains("clicked pay");
        assertThat(browser.find(By.id("event-release")).getText()).isEqualTo("checkout@1.4.0");
        assertThat(browser.find(By.id("event-environment")).getText()).isEqualTo("production");
        assertNoConsoleErrors("issue");
        browser.screenshot("issue");
        browser.scrollTo(By.id("stacktrace"));
        browser.screenshot("issue-stacktrace");
    }

    /** Resolves the open issue page's issue: it moves from the unresolved tab to the resolved one. */
    private void resolve(String slug, String issueId) {
        browser.clickAndLoad(By.cssSelector("button[name=status][value=resolved]"));
        browser.waitForText(BrowserSession.PAGE, By.id("issue-status"), status -> status.strip().equalsIgnoreCase("resolved"));
        browser.get("/projects/" + slug + "/issues");
        browser.clickAndLoad(By.cssSelector("ul.tabs a[data-status=resolved]"));
        assertThat(browser.find(By.cssSelector("ul.tabs a[data-status=resolved]")).getAttribute("aria-current")).isEqualTo("page");
        browser.find(By.cssSelector(row(issueId)));
        browser.clickAndLoad(By.cssSelector("ul.tabs a[data-status=unresolved]"));
        browser.find(By.id("issue-list"));
        assertThat(browser.all(By.cssSelector(row(issueId)))).as("resolved issue in the unresolved tab").isEmpty();
    }

    /** Selects the issue in the list; the selection survives the list's live refreshes; ignores it. */
    private void ignoreWithTheBulkForm(String issueId) {
        By checkbox = By.cssSelector("input[name=issue][value='" + issueId + "']");
        browser.click(checkbox);
        browser.awaitLiveRefreshes(2);
        assertThat(browser.find(checkbox).isSelected()).as("still selected after live refreshes").isTrue();
        browser.clickAndLoad(By.cssSelector("button[name=action][value=ignore]"));
        browser.find(By.id("issue-list"));
        assertThat(browser.all(By.cssSelector(row(issueId)))).as("ignored issue in the unresolved tab").isEmpty();
        browser.clickAndLoad(By.cssSelector("ul.tabs a[data-status=ignored]"));
        browser.find(By.cssSelector(row(issueId)));
    }

    /** The other main pages render without script or policy errors. */
    private void otherPagesRender(String slug) {
        browser.get("/projects/" + slug + "/releases");
        assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.find(By.id("main")).getText()).contains("checkout@1.4.0");
        assertNoConsoleErrors("releases");
        browser.screenshot("releases");

        browser.get("/pipeline");
        browser.find(By.id("processing-delay"));
        browser.find(By.cssSelector("table#lanes tr[data-lane=events]"));
        assertNoConsoleErrors("pipeline");
        browser.screenshot("pipeline");
        atPhoneWidth(() -> {
            browser.get("/pipeline");
            browser.find(By.cssSelector("table#lanes tr[data-lane=events]"));
            browser.screenshot("pipeline-phone");
            assertFitsWidth("pipeline");
        });

        browser.get("/users");
        assertThat(browser.find(By.id("main")).getText()).contains("admin");
        assertThat(browser.all(By.cssSelector("main form input[type=password]"))).as("add-user form").isNotEmpty();
        assertNoConsoleErrors("users");
        browser.screenshot("users");
    }

    private void atPhoneWidth(Runnable steps) {
        browser.resize(375, 812);
        try {
            steps.run();
        } finally {
            browser.resize(1280, 900);
        }
    }

    private static String row(String issueId) {
        return "tr[data-issue-id='" + issueId + "']";
    }

    /** Nothing sticks out sideways: a phone user never has to scroll horizontally. */
    private void assertFitsWidth(String page) {
        assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
                .as("the %s fits the window's width (no sideways scrolling)", page)
                .isLessThanOrEqualTo((Long) browser.script("return window.innerWidth"));
    }

    private void assertNoConsoleErrors(String page) {
        assertThat(browser.consoleErrors(HARMLESS)).as("console errors on the %s page", page).isEmpty();
    }

    private static void captureDeclinedCard() {
        try {
            chargeTheCard();
        } catch (IllegalStateException e) {
            Sentry.captureException(e);
        }
        Sentry.flush(10_000);
    }

    private static void chargeTheCard() {
        throw new IllegalStateException("card declined for order 1234");
    }
}
