package dev.breakwater.web.ui;

import static dev.breakwater.web.ui.UiClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import dev.breakwater.store.Store;
import dev.breakwater.store.UserRecord;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.web.api.ShopData;
import dev.breakwater.web.ui.UiClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's access rules over real HTTP, a real Helidon server and a real SQLite store: every route refuses without a
 * session, every form without its CSRF token, sign-in locks out, and a member sees only their projects. The routes
 * are taken from what the UI registered, so a new page is covered without editing this test.
 */
class UiSecurityIT {
    static final String ADMIN_PASSWORD = UiServer.ADMIN_PASSWORD;
    static final String BOB_PASSWORD = UiServer.BOB_PASSWORD;

    @TempDir
    Path dir;

    UiServer app;
    Store store;
    ShopData data;
    ManualClock clock;
    WebUi ui;
    UiClient client;
    UserRecord bob;

    @BeforeEach
    void start() throws Exception {
        app = UiServer.start(dir);
        store = app.store;
        data = app.data;
        clock = app.clock;
        ui = app.ui;
        client = app.client;
        bob = app.bob;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRouteRefusesWithoutASession() throws Exception {
        List<String> routes = ui.signedInRoutes();
        assertThat(routes).contains(
                "GET /projects", "POST /projects", "GET /projects/{slug}/setup", "GET /projects/{slug}/issues",
                "POST /projects/{slug}/issues/bulk", "GET /issues/{id}", "POST /issues/{id}/status",
                "GET /projects/{slug}/releases", "GET /pipeline", "GET /users", "POST /users", "POST /signout",
                "GET /banner", "GET /alerts", "GET /alerts/{id}", "POST /alerts/{id}/ack", "POST /alerts/{id}/resolve",
                "GET /projects/{slug}/alert-rules", "POST /projects/{slug}/alert-rules",
                "POST /projects/{slug}/alert-rules/{id}/delete", "POST /projects/{slug}/alert-rules/{id}/enable",
                "POST /projects/{slug}/alert-rules/{id}/disable", "GET /channels", "POST /channels",
                "POST /channels/{id}/delete", "POST /channels/{id}/enable", "POST /channels/{id}/disable");
        long before = store.projects().size();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            for (Map<String, String> stranger : List.of(Map.<String, String>of(), session("not-a-session-cookie"))) {
                if (method.equals("GET")) {
                    Answer page = client.get(path, stranger);
                    assertThat(page.status()).as("GET %s %s", path, page).isEqualTo(303);
                    assertThat(page.header("Location")).as("GET %s", path).hasValueSatisfying(location ->
                            assertThat(location).startsWith("/signin?next="));
                    assertThat(page.body()).as("GET %s leaks nothing", path).isEmpty();

                    Map<String, String> htmx = new java.util.HashMap<>(stranger);
                    htmx.put("HX-Request", "true");
                    Answer fragment = client.get(path, htmx);
                    assertThat(fragment.status()).as("htmx GET %s", path).isEqualTo(401);
                    assertThat(fragment.header("HX-Redirect")).as("htmx GET %s", path).contains("/signin");
                } else {
                    Answer post = client.post(path, Map.of("name", "intruder", "status", "resolved", "action", "resolve",
                            "issue", Long.toString(data.issue("a").id())), stranger);
                    assertThat(post.status()).as("POST %s %s", path, post).isEqualTo(403);
                }
            }
        }
        assertThat(store.projects()).hasSize((int) before);
        assertThat(data.issue("a").status()).isEqualTo(IssueStatus.UNRESOLVED);
    }

    @Test
    void everyFormRefusesWithoutItsCsrfToken() throws Exception {
        String admin = client.signIn("admin", ADMIN_PASSWORD);
        String token = client.get("/projects", session(admin)).csrf();
        List<String> posts = ui.signedInRoutes().stream().filter(r -> r.startsWith("POST ")).toList();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(5);
        for (String route : posts) {
            String path = concrete(route.substring(5));
            Map<String, String> form = Map.of("name", "intruder", "status", "resolved", "action", "resolve",
                    "issue", Long.toString(data.issue("a").id()));
            assertThat(client.post(path, form, session(admin)).status()).as("POST %s without a token", path).isEqualTo(403);
            Map<String, String> wrong = new java.util.HashMap<>(form);
            wrong.put("_csrf", token.substring(1) + "x");
            assertThat(client.post(path, wrong, session(admin)).status()).as("POST %s with a wrong token", path).isEqualTo(403);
        }
        assertThat(data.issue("a").status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(client.get("/projects", session(admin)).status()).as("sign-out without a token did nothing").isEqualTo(200);

        // the token in the header works as well as the form field (htmx sends it that way)
        Answer resolved = client.post("/issues/" + data.issue("a").id() + "/status", Map.of("status", "resolved"),
                Map.of("Cookie", "bw_session=" + admin, "X-CSRF-Token", token));
        assertThat(resolved.status()).as("%s", resolved).isEqualTo(303);
        assertThat(data.issue("a").status()).isEqualTo(IssueStatus.RESOLVED);
    }

    @Test
    void theSignInFormNeedsTheTokenItWasServedWith() throws Exception {
        Answer noCookie = client.post("/signin", Map.of("_csrf", "made-up", "username", "admin", "password", ADMIN_PASSWORD), Map.of());
        assertThat(noCookie.status()).isEqualTo(403);
        assertThat(noCookie.cookie("bw_session")).isEmpty();

        String token = client.get("/signin", Map.of()).cookie(WebUi.SIGNIN_COOKIE).orElseThrow();
        Answer mismatch = client.post("/signin", Map.of("_csrf", "other", "username", "admin", "password", ADMIN_PASSWORD),
                Map.of("Cookie", WebUi.SIGNIN_COOKIE + "=" + token));
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.cookie("bw_session")).isEmpty();
    }

    @Test
    void sessionsAreHttpOnlySameSiteCookiesAndSignOutEndsThem() throws Exception {
        Answer form = client.get("/signin", Map.of());
        String token = form.cookie(WebUi.SIGNIN_COOKIE).orElseThrow();
        Answer signedIn = client.post("/signin", Map.of("_csrf", token, "username", "admin", "password", ADMIN_PASSWORD,
                "next", "/pipeline"), Map.of("Cookie", WebUi.SIGNIN_COOKIE + "=" + token));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains("/pipeline");
        String cookieHeader = signedIn.setCookies().stream().filter(c -> c.startsWith("bw_session=")).findFirst().orElseThrow();
        assertThat(cookieHeader).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        String cookie = signedIn.cookie("bw_session").orElseThrow();
        // the store keeps a hash of the cookie, never the cookie
        assertThat(store.session(cookie)).isEmpty();

        Answer page = client.get("/projects", session(cookie));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.header("X-Frame-Options")).contains("DENY");

        Answer out = client.post("/signout", Map.of("_csrf", page.csrf()), session(cookie));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).contains("/signin");
        assertThat(client.get("/projects", session(cookie)).status()).as("the old cookie is dead").isEqualTo(303);
    }

    @Test
    void wrongPasswordsLockTheUserOutForAWhile() throws Exception {
        Answer unknown = client.attemptSignIn("nobody", "whatever-password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("Wrong username or password");

        for (int i = 1; i <= 4; i++) {
            Answer wrong = client.attemptSignIn("bob", "not-bobs-password");
            assertThat(wrong.status()).as("attempt %d", i).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong username or password");
        }
        Answer fifth = client.attemptSignIn("bob", "not-bobs-password");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.body()).contains("locked until");
        Answer right = client.attemptSignIn("bob", BOB_PASSWORD);
        assertThat(right.status()).as("locked even with the right password").isEqualTo(429);
        assertThat(right.cookie("bw_session")).isEmpty();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        String cookie = client.signIn("bob", BOB_PASSWORD);
        assertThat(client.get("/projects", session(cookie)).status()).isEqualTo(200);
        assertThat(store.user(bob.id()).orElseThrow().failedSignIns()).isZero();
    }

    @Test
    void aMemberSeesOnlyTheirProjects() throws Exception {
        String cookie = client.signIn("bob", BOB_PASSWORD);
        IssueRecord blogIssue = issuesOf(data.blog.id()).getFirst();
        IssueRecord shopIssue = issuesOf(data.shop.id()).getFirst();

        Answer projects = client.get("/projects", session(cookie));
        assertThat(projects.body()).contains("/projects/shop/issues").doesNotContain("/projects/blog");
        String token = projects.csrf();

        assertThat(client.get("/projects/shop/issues", session(cookie)).status()).isEqualTo(200);
        assertThat(client.get("/issues/" + shopIssue.id(), session(cookie)).status()).isEqualTo(200);
        for (String path : List.of("/projects/blog", "/projects/blog/issues", "/projects/blog/setup", "/projects/blog/releases",
                "/issues/" + blogIssue.id())) {
            Answer answer = client.get(path, session(cookie));
            assertThat(answer.status()).as("GET %s", path).isEqualTo(404);
            assertThat(answer.body()).as("GET %s", path).doesNotContain(blogIssue.title());
        }
        Answer status = client.post("/issues/" + blogIssue.id() + "/status", Map.of("_csrf", token, "status", "resolved"), session(cookie));
        assertThat(status.status()).isEqualTo(404);
        Answer bulk = client.post("/projects/blog/issues/bulk",
                Map.of("_csrf", token, "action", "resolve", "issue", Long.toString(blogIssue.id())), session(cookie));
        assertThat(bulk.status()).isEqualTo(404);
        // nor through their own project's bulk form
        client.post("/projects/shop/issues/bulk",
                Map.of("_csrf", token, "action", "resolve", "issue", Long.toString(blogIssue.id())), session(cookie));
        assertThat(store.issue(blogIssue.id()).orElseThrow().status()).isEqualTo(IssueStatus.UNRESOLVED);

        // admin-only pages and actions
        assertThat(client.get("/users", session(cookie)).status()).isEqualTo(403);
        assertThat(client.post("/users", Map.of("_csrf", token, "username", "mallory", "password", "mallory-password"),
                session(cookie)).status()).isEqualTo(403);
        assertThat(store.userByName("mallory")).isEmpty();
        assertThat(client.post("/pipeline/lanes/events/pause", Map.of("_csrf", token), session(cookie)).status()).isEqualTo(403);
        assertThat(store.checkpoint("events").map(c -> c.paused()).orElse(false)).isFalse();
    }

    @Test
    void aSessionEndsWhenItsLifetimeIsOver() throws Exception {
        String cookie = client.signIn("admin", ADMIN_PASSWORD);
        clock.advance(UiConfig.defaults().sessionLifetime().minusSeconds(1));
        assertThat(client.get("/projects", session(cookie)).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        Answer expired = client.get("/projects", session(cookie));
        assertThat(expired.status()).isEqualTo(303);
        assertThat(expired.header("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/signin"));
    }

    @Test
    void signInOnlyReturnsToLocalPaths() throws Exception {
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            String token = client.get("/signin", Map.of()).cookie(WebUi.SIGNIN_COOKIE).orElseThrow();
            Answer answer = client.post("/signin", Map.of("_csrf", token, "username", "admin", "password", ADMIN_PASSWORD,
                    "next", next), Map.of("Cookie", WebUi.SIGNIN_COOKIE + "=" + token));
            assertThat(answer.status()).isEqualTo(303);
            assertThat(answer.header("Location")).as("next=%s", next).contains("/projects");
        }
    }

    private List<IssueRecord> issuesOf(long projectId) throws Exception {
        List<IssueRecord> issues = new ArrayList<>(store.issues(new IssueQuery(projectId, Optional.empty(), IssueSort.LAST_SEEN,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100)).items());
        assertThat(issues).as("project %d has issues", projectId).isNotEmpty();
        return issues;
    }

    /** A route's path with its parameters filled with values that exist. */
    private String concrete(String path) throws Exception {
        return path.replace("{slug}", "shop")
                .replace("{id}", Long.toString(data.issue("a").id()))
                .replace("{lane}", "events")
                .replace("{eventId}", "0123456789abcdef0123456789abcdef")
                .replace("{name}", "events");
    }
}
