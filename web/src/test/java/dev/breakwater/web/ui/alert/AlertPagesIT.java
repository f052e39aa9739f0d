package dev.breakwater.web.ui.alert;

import static dev.breakwater.web.api.ShopData.NOW;
import static dev.breakwater.web.ui.UiClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.Store;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.web.api.ShopData;
import dev.breakwater.web.ui.UiClient;
import dev.breakwater.web.ui.UiClient.Answer;
import dev.breakwater.web.ui.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting pages over real HTTP, a real Helidon server and a real SQLite store seeded with {@link ShopData} and
 * {@link AlertData}: who sees which alert, acknowledging and resolving through the forms, a project's rules, and the
 * admin-only channels. bob is a member of shop only.
 */
class AlertPagesIT {
    @TempDir
    Path dir;

    UiServer app;
    Store store;
    ShopData data;
    AlertData alerts;
    ManualClock clock;
    UiClient client;
    String admin;
    String bob;

    @BeforeEach
    void start() throws Exception {
        app = UiServer.start(dir);
        store = app.store;
        data = app.data;
        clock = app.clock;
        client = app.client;
        alerts = AlertData.seed(store, data);
        admin = app.signInAdmin();
        bob = app.signInBob();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- the list

    @Test
    void aMemberSeesTheirProjectsAlertsOnlyAndAnAdminSeesEveryAlert() throws Exception {
        Answer bobs = client.get("/alerts", session(bob));
        assertThat(bobs.status()).as("%s", bobs).isEqualTo(200);
        assertThat(alertIds(bobs.body())).containsExactly(alerts.shopFiring.id());
        assertThat(bobs.body()).doesNotContain("TypeError").doesNotContain("Spool disk");
        assertThat(bobs.body()).contains("<a href=\"/alerts\" aria-current=\"page\">Alerts</a>");
        assertThat(bobs.body()).as("bob is no admin").doesNotContain("href=\"/channels\"");

        Answer admins = client.get("/alerts", session(admin));
        // open alerts, newest opened first; the resolved one is not open
        assertThat(alertIds(admins.body())).containsExactly(
                alerts.shopFiring.id(), alerts.internal.id(), alerts.blogFiring.id());
        String internalRow = row(admins.body(), alerts.internal.id());
        assertThat(internalRow).contains("Breakwater").contains("Spool disk 91 % full").contains(">1<")
                .contains("30 min ago").contains("badge alert-state firing");
        assertThat(row(admins.body(), alerts.shopFiring.id())).contains("Shop backend").contains("10 min ago");
        assertThat(admins.body()).contains("href=\"/channels\"");

        for (String path : List.of("/alerts/" + alerts.blogFiring.id(), "/alerts/" + alerts.internal.id(), "/alerts/999999",
                "/alerts/not-a-number")) {
            Answer hidden = client.get(path, session(bob));
            assertThat(hidden.status()).as("GET %s", path).isEqualTo(404);
            assertThat(hidden.body()).doesNotContain("TypeError").doesNotContain("Spool disk");
        }
        assertThat(client.get("/alerts/" + alerts.internal.id(), session(admin)).status()).isEqualTo(200);
        assertThat(client.get("/alerts/" + alerts.blogFiring.id(), session(admin)).status()).isEqualTo(200);
    }

    @Test
    void tabsFilterByStateAndTheListRefreshesAsAFragment() throws Exception {
        Answer resolved = client.get("/alerts?state=resolved", session(bob));
        assertThat(alertIds(resolved.body())).containsExactly(alerts.shopResolved.id());
        assertThat(resolved.body()).contains("data-state=\"resolved\" aria-current=\"page\"");
        assertThat(alertIds(client.get("/alerts?state=all", session(bob)).body()))
                .containsExactly(alerts.shopFiring.id(), alerts.shopResolved.id());
        assertThat(alertIds(client.get("/alerts?state=firing", session(admin)).body())).hasSize(3);
        Answer none = client.get("/alerts?state=acknowledged", session(admin));
        assertThat(none.body()).contains("id=\"alerts-empty\"").doesNotContain("data-alert-id");
        for (String state : List.of("open", "firing", "acknowledged", "resolved", "all")) {
            assertThat(none.body()).contains("data-state=\"" + state + "\"");
        }

        assertThat(client.get("/alerts?state=bogus", session(bob)).status()).isEqualTo(400);

        Map<String, String> htmx = new HashMap<>(session(admin));
        htmx.put("HX-Request", "true");
        Answer fragment = client.get("/alerts?state=all", htmx);
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<div id=\"alert-list\" hx-get=\"/alerts?state=all\"")
                .doesNotContain("<html").contains("hx-trigger=\"every ");
        assertThat(alertIds(fragment.body())).hasSize(4);
    }

    // ---- one alert, acknowledge and resolve

    @Test
    void theDetailPageShowsHistoryDeliveriesAndMarksGivenUpDeliveries() throws Exception {
        Answer page = client.get("/alerts/" + alerts.shopFiring.id(), session(bob));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("id=\"alert-title\">New issue in shop: ValueError: bad input</h1>")
                .contains("details of New issue in shop")
                .contains("<code id=\"alert-key\">rule:1:new_issue:issue:" + data.issue("a").id() + "</code>")
                .contains("ops hook, team chat")
                .contains("id=\"ack\"").contains("id=\"resolve\"").contains("name=\"snooze\"");
        for (String snooze : List.of("15m", "1h", "4h", "24h")) {
            assertThat(body).contains("<option value=\"" + snooze + "\"");
        }
        String history = section(body, "alert-history");
        assertThat(history).contains("data-kind=\"fired\"").contains("data-kind=\"" + AlertHistoryEntry.DELIVERY_FAILED + "\"");
        String deliveries = section(body, "alert-deliveries");
        assertThat(deliveries).contains("ops hook").contains("team chat").contains(AlertData.HOOK_ERROR);
        assertThat(deliveries).containsPattern("data-delivery-state=\"failed\" class=\"given-up\"")
                .contains("gave up").contains("delivered");
        assertThat(body).contains("id=\"deliveries-given-up\"");
        // the project's navigation comes along, with the alert rules
        assertThat(body).contains("href=\"/projects/shop/alert-rules\"");
    }

    @Test
    void acknowledgingSnoozesTheAlertAndWritesItsHistory() throws Exception {
        long id = alerts.shopFiring.id();
        String token = client.get("/alerts/" + id, session(bob)).csrf();
        Answer ack = client.post("/alerts/" + id + "/ack", Map.of("_csrf", token, "snooze", "4h"), session(bob));
        assertThat(ack.status()).as("%s", ack).isEqualTo(303);
        assertThat(ack.header("Location")).contains("/alerts/" + id);

        AlertRecord stored = store.alert(id).orElseThrow();
        assertThat(stored.state()).isEqualTo(AlertRecord.ACKNOWLEDGED);
        assertThat(stored.acknowledgedAt()).contains(NOW);
        assertThat(stored.snoozeUntil()).contains(NOW.plus(Duration.ofHours(4)));
        AlertHistoryEntry last = store.alertHistory(id).getLast();
        assertThat(last.kind()).isEqualTo("acknowledged");
        assertThat(last.message()).contains("bob");

        Answer page = client.get("/alerts/" + id, session(bob));
        assertThat(page.body()).contains("id=\"alert-state\" class=\"badge alert-state acknowledged\"")
                .contains("id=\"alert-snooze-until\"").contains("in 4 h").contains("data-kind=\"acknowledged\"");
        assertThat(row(client.get("/alerts?state=acknowledged", session(bob)).body(), id)).contains("in 4 h");
        assertThat(alertIds(client.get("/alerts", session(bob)).body())).as("still open").contains(id);

        Answer badSnooze = client.post("/alerts/" + id + "/ack", Map.of("_csrf", token, "snooze", "7y"), session(bob));
        assertThat(badSnooze.status()).isEqualTo(400);
        assertThat(badSnooze.body()).contains("15m, 1h, 4h or 24h");

        // others' alerts read as absent, and do not change
        for (AlertRecord hidden : List.of(alerts.blogFiring, alerts.internal)) {
            Answer refused = client.post("/alerts/" + hidden.id() + "/ack", Map.of("_csrf", token, "snooze", "1h"), session(bob));
            assertThat(refused.status()).isEqualTo(404);
            assertThat(client.post("/alerts/" + hidden.id() + "/resolve", Map.of("_csrf", token), session(bob)).status())
                    .isEqualTo(404);
            assertThat(store.alert(hidden.id()).orElseThrow().state()).isEqualTo(AlertRecord.FIRING);
        }
    }

    @Test
    void resolvingClosesTheAlertAndAResolvedAlertCannotBeAcknowledged() throws Exception {
        long id = alerts.internal.id();
        String token = client.get("/alerts/" + id, session(admin)).csrf();
        Answer resolve = client.post("/alerts/" + id + "/resolve", Map.of("_csrf", token), session(admin));
        assertThat(resolve.status()).as("%s", resolve).isEqualTo(303);
        assertThat(resolve.header("Location")).contains("/alerts/" + id);

        AlertRecord stored = store.alert(id).orElseThrow();
        assertThat(stored.state()).isEqualTo(AlertRecord.RESOLVED);
        assertThat(stored.resolvedAt()).contains(NOW);
        assertThat(store.alertHistory(id).getLast().message()).contains("resolved by admin");

        Answer page = client.get("/alerts/" + id, session(admin));
        assertThat(page.body()).contains("id=\"alert-resolved\"").doesNotContain("id=\"ack\"").doesNotContain("id=\"resolve\"");
        assertThat(alertIds(client.get("/alerts", session(admin)).body())).doesNotContain(id);
        assertThat(alertIds(client.get("/alerts?state=resolved", session(admin)).body())).contains(id);

        Answer ack = client.post("/alerts/" + id + "/ack", Map.of("_csrf", token, "snooze", "1h"), session(admin));
        assertThat(ack.status()).isEqualTo(409);
        assertThat(store.alert(id).orElseThrow().state()).isEqualTo(AlertRecord.RESOLVED);
        int entries = store.alertHistory(id).size();
        assertThat(client.post("/alerts/" + id + "/resolve", Map.of("_csrf", token), session(admin)).status())
                .as("resolving twice is harmless").isEqualTo(303);
        assertThat(store.alertHistory(id)).hasSize(entries);
    }

    // ---- rules

    @Test
    void aMemberCreatesListsAndDeletesTheirProjectsRules() throws Exception {
        Answer page = client.get("/projects/shop/alert-rules", session(bob));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("id=\"no-rules\"").contains("name=\"channel\" value=\"" + alerts.hook.id() + "\"")
                .contains("aria-current=\"page\">Alert rules</a>")
                .as("targets may be secret URLs").doesNotContain(alerts.chat.target());
        String token = page.csrf();

        Map<String, String> form = new HashMap<>(Map.of("_csrf", token, "name", "Checkout storm", "kind", "frequency",
                "threshold", "100", "windowMinutes", "5", "perIssue", "yes", "level", "error", "environment", "production",
                "release", "", "channel", Long.toString(alerts.hook.id())));
        Answer created = client.post("/projects/shop/alert-rules", form, session(bob));
        assertThat(created.status()).as("%s", created).isEqualTo(303);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/projects/shop/alert-rules?created="));

        List<AlertRuleRecord> rules = store.alertRules(Optional.of(data.shop.id()));
        assertThat(rules).hasSize(1);
        AlertRuleRecord rule = rules.getFirst();
        assertThat(rule.name()).isEqualTo("Checkout storm");
        assertThat(rule.kind()).isEqualTo("frequency");
        assertThat(rule.threshold()).isEqualTo(100);
        assertThat(rule.windowMinutes()).isEqualTo(5);
        assertThat(rule.perIssue()).isTrue();
        assertThat(rule.level()).contains("error");
        assertThat(rule.environment()).contains("production");
        assertThat(rule.release()).isEmpty();
        assertThat(rule.channelIds()).containsExactly(alerts.hook.id());
        assertThat(rule.createdAt()).isEqualTo(NOW);

        String listed = client.get(created.header("Location").orElseThrow(), session(bob)).body();
        assertThat(listed).contains("Created the rule Checkout storm.")
                .contains("more than 100 events in 5 min per issue in production")
                .contains("level error, environment production").contains("data-rule-id=\"" + rule.id() + "\"");

        // a new-issue rule keeps no threshold
        form.putAll(Map.of("name", "Anything new", "kind", "new_issue", "threshold", "", "level", "any", "environment", ""));
        assertThat(client.post("/projects/shop/alert-rules", form, session(bob)).status()).isEqualTo(303);
        AlertRuleRecord newIssue = store.alertRules(Optional.of(data.shop.id())).getLast();
        assertThat(newIssue.kind()).isEqualTo("new_issue");
        assertThat(newIssue.threshold()).isZero();
        assertThat(newIssue.level()).isEmpty();

        Answer deleted = client.post("/projects/shop/alert-rules/" + rule.id() + "/delete", Map.of("_csrf", token), session(bob));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(store.alertRules(Optional.of(data.shop.id()))).extracting(AlertRuleRecord::id).containsExactly(newIssue.id());
    }

    @Test
    void aMemberDisablesAndEnablesTheirProjectsRulesWithButtons() throws Exception {
        AlertRuleRecord rule = store.createAlertRule(new NewAlertRule(data.shop.id(), "Anything new", "new_issue", 0, 0,
                false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(alerts.hook.id()), NOW));
        Answer page = client.get("/projects/shop/alert-rules", session(bob));
        assertThat(page.body()).contains("id=\"disable-rule-" + rule.id() + "\"")
                .contains("action=\"/projects/shop/alert-rules/" + rule.id() + "/disable\"")
                .doesNotContain("id=\"enable-rule-" + rule.id() + "\"");
        String token = page.csrf();

        Answer disabled = client.post("/projects/shop/alert-rules/" + rule.id() + "/disable", Map.of("_csrf", token),
                session(bob));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(303);
        assertThat(store.alertRules(Optional.of(data.shop.id())).getFirst().enabled()).isFalse();
        String listed = client.get(disabled.header("Location").orElseThrow(), session(bob)).body();
        assertThat(listed).contains("Disabled the rule Anything new").contains("id=\"enable-rule-" + rule.id() + "\"")
                .contains(">disabled<");

        assertThat(client.post("/projects/shop/alert-rules/" + rule.id() + "/enable", Map.of("_csrf", token),
                session(bob)).status()).isEqualTo(303);
        assertThat(store.alertRules(Optional.of(data.shop.id())).getFirst().enabled()).isTrue();
        assertThat(client.post("/projects/shop/alert-rules/" + rule.id() + "/enable", Map.of(), session(bob)).status())
                .as("no CSRF token").isEqualTo(403);
        assertThat(client.post("/projects/shop/alert-rules/99999/disable", Map.of("_csrf", token), session(bob))
                .status()).isEqualTo(404);
        assertThat(client.post("/projects/blog/alert-rules/" + rule.id() + "/disable", Map.of("_csrf", token),
                session(bob)).status()).isEqualTo(404);
        assertThat(store.alertRules(Optional.of(data.shop.id())).getFirst().enabled()).isTrue();
    }

    @Test
    void aRuleFormIsCheckedAndShownAgainWhenRefused() throws Exception {
        String token = client.get("/projects/shop/alert-rules", session(bob)).csrf();
        Map<String, String> good = Map.of("_csrf", token, "name", "Checkout storm", "kind", "frequency", "threshold", "100",
                "windowMinutes", "5", "level", "any", "channel", Long.toString(alerts.hook.id()));

        Map<String, String> noChannel = new HashMap<>(good);
        noChannel.remove("channel");
        Answer refused = client.post("/projects/shop/alert-rules", noChannel, session(bob));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"rule-error\"").contains("at least one channel")
                .contains("value=\"Checkout storm\"").contains("<option value=\"frequency\" selected>");

        for (Map.Entry<String, String> bad : List.of(Map.entry("threshold", "0"), Map.entry("threshold", "1000001"),
                Map.entry("threshold", "many"), Map.entry("windowMinutes", "0"), Map.entry("windowMinutes", "1441"),
                Map.entry("kind", "sometimes"), Map.entry("level", "panic"), Map.entry("name", "  "),
                Map.entry("channel", "99999"), Map.entry("channel", "x"))) {
            Map<String, String> form = new HashMap<>(good);
            form.put(bad.getKey(), bad.getValue());
            Answer answer = client.post("/projects/shop/alert-rules", form, session(bob));
            assertThat(answer.status()).as("%s=%s", bad.getKey(), bad.getValue()).isEqualTo(400);
            assertThat(answer.body()).contains("id=\"rule-error\"");
        }
        Map<String, String> edges = new HashMap<>(good);
        edges.putAll(Map.of("threshold", "1000000", "windowMinutes", "1440"));
        assertThat(client.post("/projects/shop/alert-rules", edges, session(bob)).status()).isEqualTo(303);
        assertThat(store.alertRules(Optional.of(data.shop.id()))).hasSize(1);
    }

    @Test
    void rulesOfProjectsTheViewerMayNotSeeReadAsAbsent() throws Exception {
        AlertRuleRecord blogRule = store.createAlertRule(new NewAlertRule(data.blog.id(), "Blog errors", "new_issue", 0, 0,
                false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(alerts.hook.id()), NOW));
        String token = client.get("/projects/shop/alert-rules", session(bob)).csrf();

        assertThat(client.get("/projects/blog/alert-rules", session(bob)).status()).isEqualTo(404);
        assertThat(client.post("/projects/blog/alert-rules", Map.of("_csrf", token, "name", "mine", "kind", "new_issue",
                "channel", Long.toString(alerts.hook.id())), session(bob)).status()).isEqualTo(404);
        assertThat(client.post("/projects/blog/alert-rules/" + blogRule.id() + "/delete", Map.of("_csrf", token), session(bob))
                .status()).isEqualTo(404);
        // nor through a project they do see: an admin deleting through the wrong project gets a 404 too
        assertThat(client.post("/projects/shop/alert-rules/" + blogRule.id() + "/delete", Map.of("_csrf", token), session(bob))
                .status()).isEqualTo(404);
        String adminToken = client.get("/projects/shop/alert-rules", session(admin)).csrf();
        assertThat(client.post("/projects/shop/alert-rules/" + blogRule.id() + "/delete", Map.of("_csrf", adminToken),
                session(admin)).status()).isEqualTo(404);
        assertThat(store.alertRules(Optional.of(data.blog.id()))).hasSize(1);

        assertThat(client.get("/projects/blog/alert-rules", session(admin)).body()).contains("Blog errors");
        assertThat(client.post("/projects/blog/alert-rules/" + blogRule.id() + "/delete", Map.of("_csrf", adminToken),
                session(admin)).status()).isEqualTo(303);
        assertThat(store.alertRules(Optional.of(data.blog.id()))).isEmpty();
    }

    // ---- channels

    @Test
    void channelsAreForAdminsOnly() throws Exception {
        String token = client.get("/alerts", session(bob)).csrf();
        assertThat(client.get("/channels", session(bob)).status()).isEqualTo(403);
        assertThat(client.post("/channels", Map.of("_csrf", token, "name", "mine", "kind", "webhook",
                "target", "https://evil.example/hook"), session(bob)).status()).isEqualTo(403);
        assertThat(client.post("/channels/" + alerts.hook.id() + "/delete", Map.of("_csrf", token), session(bob)).status())
                .isEqualTo(403);
        assertThat(store.channels()).hasSize(2);
    }

    @Test
    void anAdminAddsAWebhookWithAGeneratedSecretAndDeletesChannels() throws Exception {
        Answer page = client.get("/channels", session(admin));
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("aria-current=\"page\">Channels</a>")
                .contains("data-channel-id=\"" + alerts.hook.id() + "\"")
                .contains("hook-secret-0123456789").contains("<details class=\"channel-secret\">");
        String token = page.csrf();

        Answer created = client.post("/channels", Map.of("_csrf", token, "name", "Pager bridge", "kind", "webhook",
                "target", "https://pager.example.com/in", "secret", "chosen-by-me"), session(admin));
        assertThat(created.status()).as("%s", created).isEqualTo(303);
        ChannelRecord channel = store.channels().getLast();
        assertThat(channel.name()).isEqualTo("Pager bridge");
        assertThat(channel.target()).isEqualTo("https://pager.example.com/in");
        assertThat(channel.secret()).as("made by the server, not typed").isNotEqualTo("chosen-by-me").matches("[A-Za-z0-9_-]{43}");
        assertThat(created.header("Location")).contains("/channels?created=Pager%20bridge");
        String listed = client.get(created.header("Location").orElseThrow(), session(admin)).body();
        assertThat(listed).contains("Added the channel Pager bridge.").contains(channel.secret());

        assertThat(client.post("/channels", Map.of("_csrf", token, "name", "Ops mail", "kind", "email",
                "target", "ops@example.com"), session(admin)).status()).isEqualTo(303);
        assertThat(store.channels().getLast().secret()).isEmpty();
        assertThat(client.post("/channels", Map.of("_csrf", token, "name", "Chat", "kind", "slack",
                "target", "http://chat.internal:8080/hook"), session(admin)).status()).isEqualTo(303);

        assertThat(client.post("/channels/" + channel.id() + "/delete", Map.of("_csrf", token), session(admin)).status())
                .isEqualTo(303);
        assertThat(store.channels()).extracting(ChannelRecord::id).doesNotContain(channel.id());
        assertThat(client.post("/channels/" + channel.id() + "/delete", Map.of("_csrf", token), session(admin)).status())
                .isEqualTo(404);
    }

    @Test
    void anAdminDisablesAndEnablesChannelsWithButtons() throws Exception {
        Answer page = client.get("/channels", session(admin));
        assertThat(page.body()).contains("id=\"disable-channel-" + alerts.hook.id() + "\"");
        String token = page.csrf();
        assertThat(client.post("/channels/" + alerts.hook.id() + "/disable", Map.of("_csrf", token), session(bob))
                .status()).as("admins only").isEqualTo(403);

        Answer disabled = client.post("/channels/" + alerts.hook.id() + "/disable", Map.of("_csrf", token),
                session(admin));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(303);
        assertThat(store.channels().getFirst().enabled()).isFalse();
        assertThat(store.deliveries(alerts.blogFiring.id())).extracting(DeliveryRecord::state)
                .containsExactly(DeliveryRecord.CANCELLED);
        String listed = client.get(disabled.header("Location").orElseThrow(), session(admin)).body();
        assertThat(listed).contains("Disabled the channel ops hook")
                .contains("id=\"enable-channel-" + alerts.hook.id() + "\"").contains(">disabled<");

        assertThat(client.post("/channels/" + alerts.hook.id() + "/enable", Map.of("_csrf", token), session(admin))
                .status()).isEqualTo(303);
        assertThat(store.channels().getFirst().enabled()).isTrue();
        assertThat(client.post("/channels/99999/enable", Map.of("_csrf", token), session(admin)).status())
                .isEqualTo(404);
    }

    @Test
    void aChannelFormIsCheckedAndShownAgainWhenRefused() throws Exception {
        String token = client.get("/channels", session(admin)).csrf();
        for (Map<String, String> bad : List.of(
                Map.of("name", "Hook", "kind", "webhook", "target", "ftp://files.example.com/x"),
                Map.of("name", "Hook", "kind", "webhook", "target", "https://"),
                Map.of("name", "Hook", "kind", "webhook", "target", "not a url"),
                Map.of("name", "Hook", "kind", "slack", "target", "javascript:alert(1)"),
                Map.of("name", "Mail", "kind", "email", "target", "ops at example.com"),
                Map.of("name", "Mail", "kind", "email", "target", "https://example.com"),
                Map.of("name", "Mail", "kind", "pigeon", "target", "ops@example.com"),
                Map.of("name", " ", "kind", "email", "target", "ops@example.com"))) {
            Map<String, String> form = new HashMap<>(bad);
            form.put("_csrf", token);
            Answer answer = client.post("/channels", form, session(admin));
            assertThat(answer.status()).as("%s", bad).isEqualTo(400);
            assertThat(answer.body()).contains("id=\"channel-error\"");
        }
        Answer shownAgain = client.post("/channels", Map.of("_csrf", token, "name", "Hook", "kind", "slack",
                "target", "ftp://files.example.com/x"), session(admin));
        assertThat(shownAgain.body()).contains("value=\"ftp://files.example.com/x\"").contains("<option value=\"slack\" selected>");
        assertThat(store.channels()).hasSize(2);
    }

    private static List<Long> alertIds(String body) {
        Matcher m = Pattern.compile("data-alert-id=\"(\\d+)\"").matcher(body);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** The {@code <tr>} of one alert in a list. */
    private static String row(String body, long alertId) {
        int start = body.indexOf("data-alert-id=\"" + alertId + "\"");
        assertThat(start).as("alert %d is listed", alertId).isNotNegative();
        return body.substring(start, body.indexOf("</tr>", start));
    }

    /** The element with this id up to its table's end. */
    private static String section(String body, String id) {
        int start = body.indexOf("id=\"" + id + "\"");
        assertThat(start).as("#%s is on the page", id).isNotNegative();
        return body.substring(start, body.indexOf("</table>", start));
    }
}
