package dev.breakwater.web.api;

import static dev.breakwater.web.api.ReadApiContract.ADMIN;
import static dev.breakwater.web.api.ReadApiContract.assertError;
import static dev.breakwater.web.api.ShopData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertHistoryEntry;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewDelivery;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.web.api.ApiClient.Answer;
import dev.breakwater.web.ui.alert.AlertData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting endpoints of the read API over real HTTP, a real Helidon server and a real SQLite store seeded with
 * {@link ShopData} and {@link AlertData}: who sees which alert, acknowledging with a snooze, rules and channels with
 * their checks and auth rules.
 */
class AlertApiIT {
    static final String BLOG_TOKEN = "blog-token-0123456789abcdef";
    static final String SHOP_TOKEN = "shop-token-0123456789abcdef";

    @TempDir
    Path dir;

    Store store;
    ShopData data;
    AlertData alerts;
    ManualClock clock;
    ApiServer server;
    ApiClient api;

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        data = ShopData.seed(store);
        alerts = AlertData.seed(store, data);
        store.createApiToken(data.blog.id(), ApiTokens.hashHex(BLOG_TOKEN), "blog ci", NOW);
        store.createApiToken(data.shop.id(), ApiTokens.hashHex(SHOP_TOKEN), "shop ci", NOW);
        clock = new ManualClock(NOW);
        server = ApiServer.start(store, new CheckpointPipelineControl(store, List.of("events")), clock);
        api = server.api;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        } else if (store != null) {
            store.close();
        }
    }

    // ---- alerts

    @Test
    void listsOpenAlertsNewestFirstWithEveryField() throws Exception {
        Answer answer = api.get("/alerts", ADMIN);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(ids(answer)).containsExactly(alerts.shopFiring.id(), alerts.internal.id(), alerts.blogFiring.id());

        JsonNode shop = answer.json().path("items").path(0);
        assertThat(shop.path("projectSlug").asText()).isEqualTo("shop");
        assertThat(shop.get("ruleId").isNull()).isTrue();
        assertThat(shop.path("dedupKey").asText()).isEqualTo(alerts.shopFiring.dedupKey());
        assertThat(shop.path("title").asText()).isEqualTo("New issue in shop: ValueError: bad input");
        assertThat(shop.path("details").asText()).startsWith("details of");
        assertThat(shop.path("state").asText()).isEqualTo("firing");
        assertThat(shop.path("step").asInt()).isZero();
        assertThat(shop.path("channelIds")).extracting(JsonNode::asLong).containsExactly(alerts.hook.id(), alerts.chat.id());
        assertThat(Instant.parse(shop.path("openedAt").asText())).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(Instant.parse(shop.path("lastNotifiedAt").asText())).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        for (String field : List.of("acknowledgedAt", "snoozeUntil", "resolvedAt")) {
            assertThat(shop.get(field).isNull()).as(field).isTrue();
        }
        JsonNode internal = answer.json().path("items").path(1);
        assertThat(internal.get("projectSlug").isNull()).as("internal alerts have no project").isTrue();
        assertThat(internal.path("step").asInt()).isEqualTo(1);
    }

    @Test
    void filtersByStateAndLimit() throws Exception {
        assertThat(ids(api.get("/alerts?state=resolved", ADMIN))).containsExactly(alerts.shopResolved.id());
        JsonNode resolved = api.get("/alerts?state=resolved", ADMIN).json().path("items").path(0);
        assertThat(Instant.parse(resolved.path("resolvedAt").asText())).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(ids(api.get("/alerts?state=firing", ADMIN))).hasSize(3);
        assertThat(ids(api.get("/alerts?state=acknowledged", ADMIN))).isEmpty();
        assertThat(ids(api.get("/alerts?state=all", ADMIN))).hasSize(4);
        assertThat(ids(api.get("/alerts?state=all&limit=2", ADMIN)))
                .containsExactly(alerts.shopFiring.id(), alerts.internal.id());
        assertError(api.get("/alerts?state=bogus", ADMIN), 400, "invalid_parameter", "state must be");
        assertError(api.get("/alerts?limit=0", ADMIN), 400, "invalid_parameter", "limit");
    }

    @Test
    void aProjectTokenSeesItsOwnProjectsAlertsOnly() throws Exception {
        assertThat(ids(api.get("/alerts?state=all", BLOG_TOKEN))).containsExactly(alerts.blogFiring.id());
        assertThat(ids(api.get("/alerts?state=all", SHOP_TOKEN)))
                .containsExactly(alerts.shopFiring.id(), alerts.shopResolved.id());
        // the limit counts what the caller sees, not what the store holds
        assertThat(ids(api.get("/alerts?state=all&limit=1", BLOG_TOKEN))).containsExactly(alerts.blogFiring.id());
        assertError(api.get("/alerts", null), 401, "unauthorized", "Bearer");
        assertError(api.get("/alerts", "not-a-token"), 401, "unauthorized", "not a known");
    }

    @Test
    void acknowledgingSnoozesTheAlert() throws Exception {
        Answer answer = api.post("/alerts/" + alerts.blogFiring.id() + "/ack", "{\"snoozeMinutes\": 30}", BLOG_TOKEN);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("state").asText()).isEqualTo("acknowledged");
        assertThat(Instant.parse(answer.json().path("acknowledgedAt").asText())).isEqualTo(NOW);
        assertThat(Instant.parse(answer.json().path("snoozeUntil").asText())).isEqualTo(NOW.plus(Duration.ofMinutes(30)));

        AlertRecord stored = store.alert(alerts.blogFiring.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(AlertRecord.ACKNOWLEDGED);
        assertThat(stored.snoozeUntil()).contains(NOW.plus(Duration.ofMinutes(30)));
        AlertHistoryEntry last = store.alertHistory(stored.id()).getLast();
        assertThat(last.kind()).isEqualTo("acknowledged");
        assertThat(last.message()).contains("project API token");
        assertThat(ids(api.get("/alerts?state=acknowledged", ADMIN))).containsExactly(stored.id());

        Answer internal = api.post("/alerts/" + alerts.internal.id() + "/ack", "{\"snoozeMinutes\": 10080}", ADMIN);
        assertThat(internal.status()).as("%s", internal).isEqualTo(200);
        assertThat(Instant.parse(internal.json().path("snoozeUntil").asText())).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void acknowledgingRefusesBadSnoozesHiddenAlertsAndResolvedOnes() throws Exception {
        String path = "/alerts/" + alerts.shopFiring.id() + "/ack";
        assertError(api.post(path, "{\"snoozeMinutes\": 0}", ADMIN), 400, "invalid_payload", "from 1 to 10080");
        assertError(api.post(path, "{\"snoozeMinutes\": 10081}", ADMIN), 400, "invalid_payload", "from 1 to 10080");
        assertError(api.post(path, "{\"snoozeMinutes\": \"30\"}", ADMIN), 400, "invalid_payload", "whole number");
        assertError(api.post(path, "{\"snoozeMinutes\": 1.5}", ADMIN), 400, "invalid_payload", "whole number");
        assertError(api.post(path, "{}", ADMIN), 400, "invalid_payload", "'snoozeMinutes' is required");
        assertError(api.post(path, "[30]", ADMIN), 400, "invalid_json", "snoozeMinutes");
        assertError(api.post("/alerts/abc/ack", "{\"snoozeMinutes\": 30}", ADMIN), 400, "invalid_parameter", "alert id");

        // another project's alert and an internal one read as absent to a project token
        assertError(api.post(path, "{\"snoozeMinutes\": 30}", BLOG_TOKEN), 404, "not_found", "no alert");
        assertError(api.post("/alerts/" + alerts.internal.id() + "/ack", "{\"snoozeMinutes\": 30}", SHOP_TOKEN), 404,
                "not_found", "no alert");
        assertError(api.post("/alerts/999999/ack", "{\"snoozeMinutes\": 30}", ADMIN), 404, "not_found", "no alert");
        assertThat(store.alert(alerts.shopFiring.id()).orElseThrow().state()).isEqualTo(AlertRecord.FIRING);
        assertThat(store.alert(alerts.internal.id()).orElseThrow().state()).isEqualTo(AlertRecord.FIRING);

        assertError(api.post("/alerts/" + alerts.shopResolved.id() + "/ack", "{\"snoozeMinutes\": 30}", SHOP_TOKEN), 409,
                "conflict", "already resolved");
        assertError(api.get(path, ADMIN), 405, "method_not_allowed", "POST");
    }

    // ---- rules

    @Test
    void createsAndListsAProjectsRules() throws Exception {
        assertThat(api.get("/projects/shop/alert-rules", SHOP_TOKEN).json().path("items")).isEmpty();
        Answer created = api.post("/projects/shop/alert-rules", "{\"name\": \"Checkout storm\", \"kind\": \"frequency\","
                + " \"threshold\": 100, \"windowMinutes\": 5, \"perIssue\": true, \"level\": \"error\","
                + " \"environment\": \"production\", \"channelIds\": [" + alerts.hook.id() + "]}", SHOP_TOKEN);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode rule = created.json();
        assertThat(rule.path("projectSlug").asText()).isEqualTo("shop");
        assertThat(rule.path("name").asText()).isEqualTo("Checkout storm");
        assertThat(rule.path("kind").asText()).isEqualTo("frequency");
        assertThat(rule.path("threshold").asInt()).isEqualTo(100);
        assertThat(rule.path("windowMinutes").asInt()).isEqualTo(5);
        assertThat(rule.path("perIssue").asBoolean()).isTrue();
        assertThat(rule.path("level").asText()).isEqualTo("error");
        assertThat(rule.path("environment").asText()).isEqualTo("production");
        assertThat(rule.get("release").isNull()).isTrue();
        assertThat(rule.path("channelIds")).extracting(JsonNode::asLong).containsExactly(alerts.hook.id());
        assertThat(rule.path("enabled").asBoolean()).isTrue();
        assertThat(Instant.parse(rule.path("createdAt").asText())).isEqualTo(NOW);
        assertThat(rule.path("condition").asText()).isEqualTo("more than 100 events in 5 min per issue in production");

        AlertRuleRecord stored = store.alertRules(Optional.of(data.shop.id())).getFirst();
        assertThat(stored.id()).isEqualTo(rule.path("id").asLong());
        assertThat(stored.level()).contains("error");

        Answer newIssue = api.post("/projects/shop/alert-rules", "{\"name\": \"New\", \"kind\": \"new_issue\", \"threshold\": 5,"
                + " \"channelIds\": [" + alerts.hook.id() + ", " + alerts.chat.id() + "]}", ADMIN);
        assertThat(newIssue.status()).as("%s", newIssue).isEqualTo(201);
        assertThat(newIssue.json().path("threshold").asInt()).as("only frequency rules keep a threshold").isZero();
        assertThat(newIssue.json().path("condition").asText()).isEqualTo("a new issue appears");

        Answer list = api.get("/projects/shop/alert-rules", ADMIN);
        assertThat(list.json().path("items")).extracting(n -> n.path("name").asText()).containsExactly("Checkout storm", "New");
    }

    @Test
    void refusesRulesThatDoNotCheckOutAndOtherProjectsRules() throws Exception {
        String channel = "\"channelIds\": [" + alerts.hook.id() + "]";
        for (String body : List.of(
                "{\"name\": \"x\", \"kind\": \"new_issue\"}",
                "{\"name\": \"x\", \"kind\": \"new_issue\", \"channelIds\": []}",
                "{\"name\": \"x\", \"kind\": \"new_issue\", \"channelIds\": [99999]}",
                "{\"name\": \"x\", \"kind\": \"new_issue\", \"channelIds\": [\"1\"]}",
                "{\"name\": \"x\", \"kind\": \"sometimes\", " + channel + "}",
                "{\"name\": \"\", \"kind\": \"new_issue\", " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"new_issue\", \"level\": \"panic\", " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"frequency\", \"windowMinutes\": 5, " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"frequency\", \"threshold\": 0, \"windowMinutes\": 5, " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"frequency\", \"threshold\": 10000000000, \"windowMinutes\": 5, " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"frequency\", \"threshold\": 10, \"windowMinutes\": 1441, " + channel + "}",
                "{\"name\": \"x\", \"kind\": \"frequency\", \"threshold\": 10, \"windowMinutes\": 5, \"perIssue\": \"yes\", "
                        + channel + "}",
                "{\"name\": \"x\", " + channel + "}")) {
            Answer answer = api.post("/projects/shop/alert-rules", body, ADMIN);
            assertThat(answer.status()).as("%s -> %s", body, answer).isEqualTo(400);
            assertThat(answer.errorCode()).as(body).isEqualTo("invalid_payload");
        }
        assertThat(store.alertRules(Optional.of(data.shop.id()))).isEmpty();

        String good = "{\"name\": \"x\", \"kind\": \"new_issue\", " + channel + "}";
        assertError(api.post("/projects/shop/alert-rules", good, BLOG_TOKEN), 404, "not_found", "no project 'shop'");
        assertError(api.get("/projects/shop/alert-rules", BLOG_TOKEN), 404, "not_found", "no project 'shop'");
        assertError(api.post("/projects/shop/alert-rules", good, null), 401, "unauthorized", "Bearer");
        assertThat(store.alertRules(Optional.of(data.shop.id()))).isEmpty();
    }

    @Test
    void disablesEnablesAndDeletesARuleKeepingItsAlerts() throws Exception {
        JsonNode rule = api.post("/projects/shop/alert-rules", "{\"name\": \"New\", \"kind\": \"new_issue\","
                + " \"channelIds\": [" + alerts.hook.id() + "]}", SHOP_TOKEN).json();
        String path = "/projects/shop/alert-rules/" + rule.path("id").asLong();

        Answer disabled = api.send("PATCH", path, "{\"enabled\": false}", SHOP_TOKEN);
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("name").asText()).isEqualTo("New");
        assertThat(store.alertRules(Optional.of(data.shop.id())).getFirst().enabled()).isFalse();
        Answer enabled = api.send("PATCH", path, "{\"enabled\": true}", ADMIN);
        assertThat(enabled.json().path("enabled").asBoolean()).as("%s", enabled).isTrue();

        assertError(api.send("PATCH", path, "{}", ADMIN), 400, "invalid_payload", "'enabled'");
        assertError(api.send("PATCH", path, "{\"enabled\": \"no\"}", ADMIN), 400, "invalid_payload", "true or false");
        assertError(api.send("PATCH", path, "not json", ADMIN), 400, "invalid_json", "enabled");
        // another project's rule, or its token, reads as absent
        assertError(api.send("PATCH", "/projects/blog/alert-rules/" + rule.path("id").asLong(),
                "{\"enabled\": false}", ADMIN), 404, "not_found", "no alert rule");
        assertError(api.send("PATCH", path, "{\"enabled\": false}", BLOG_TOKEN), 404, "not_found", "no project");
        assertError(api.send("DELETE", path, null, BLOG_TOKEN), 404, "not_found", "no project");
        assertError(api.send("PATCH", "/projects/shop/alert-rules/99999", "{\"enabled\": false}", ADMIN), 404,
                "not_found", "no alert rule 99999");
        assertError(api.send("PATCH", "/projects/shop/alert-rules/x", "{\"enabled\": false}", ADMIN), 400,
                "invalid_parameter", "alert rule id");
        assertError(api.send("PATCH", path, "{\"enabled\": false}", null), 401, "unauthorized", "Bearer");
        assertError(api.send("PUT", path, "{\"enabled\": false}", ADMIN), 405, "method_not_allowed", "DELETE, PATCH");

        Answer deleted = api.send("DELETE", path, null, ADMIN);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(deleted.response().body()).isEmpty();
        assertThat(store.alertRules(Optional.of(data.shop.id()))).isEmpty();
        assertError(api.send("DELETE", path, null, ADMIN), 404, "not_found", "no alert rule");
        // the alerts stay
        assertThat(ids(api.get("/alerts?state=all", ADMIN))).hasSize(4);
    }

    // ---- channels

    @Test
    void channelsAreForTheAdminTokenOnly() throws Exception {
        assertError(api.get("/notification-channels", SHOP_TOKEN), 403, "forbidden", "admin token");
        assertError(api.post("/notification-channels",
                "{\"name\": \"mine\", \"kind\": \"webhook\", \"target\": \"https://evil.example/\"}", SHOP_TOKEN), 403,
                "forbidden", "admin token");
        assertThat(store.channels()).hasSize(2);

        Answer list = api.get("/notification-channels", ADMIN);
        assertThat(list.status()).isEqualTo(200);
        JsonNode hook = list.json().path("items").path(0);
        assertThat(hook.path("id").asLong()).isEqualTo(alerts.hook.id());
        assertThat(hook.path("name").asText()).isEqualTo("ops hook");
        assertThat(hook.path("kind").asText()).isEqualTo("webhook");
        assertThat(hook.path("target").asText()).isEqualTo("https://hooks.example.com/breakwater");
        assertThat(hook.path("secret").asText()).isEqualTo("hook-secret-0123456789");
        assertThat(hook.path("createdAt").asText()).endsWith("Z");
        assertThat(list.json().path("items").path(1).get("secret").isNull()).as("a slack channel has no secret").isTrue();
    }

    @Test
    void createsChannelsWithAServerMadeSecretAndChecksTheirTargets() throws Exception {
        Answer created = api.post("/notification-channels", "{\"name\": \"Pager\", \"kind\": \"webhook\","
                + " \"target\": \"https://pager.example.com/in\", \"secret\": \"mine\"}", ADMIN);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("secret").asText()).matches("[A-Za-z0-9_-]{43}");
        ChannelRecord stored = store.channels().getLast();
        assertThat(stored.secret()).isEqualTo(created.json().path("secret").asText());

        Answer email = api.post("/notification-channels",
                "{\"name\": \"Ops mail\", \"kind\": \"email\", \"target\": \"ops@example.com\"}", ADMIN);
        assertThat(email.status()).isEqualTo(201);
        assertThat(email.json().get("secret").isNull()).isTrue();

        for (String body : List.of(
                "{\"name\": \"x\", \"kind\": \"webhook\", \"target\": \"ftp://example.com/\"}",
                "{\"name\": \"x\", \"kind\": \"slack\", \"target\": \"https://\"}",
                "{\"name\": \"x\", \"kind\": \"slack\"}",
                "{\"name\": \"x\", \"kind\": \"email\", \"target\": \"nobody\"}",
                "{\"name\": \"x\", \"kind\": \"sms\", \"target\": \"+15550100\"}",
                "{\"kind\": \"email\", \"target\": \"ops@example.com\"}")) {
            Answer answer = api.post("/notification-channels", body, ADMIN);
            assertThat(answer.status()).as("%s -> %s", body, answer).isEqualTo(400);
            assertThat(answer.errorCode()).as(body).isEqualTo("invalid_payload");
        }
        assertError(api.post("/notification-channels", "not json", ADMIN), 400, "invalid_json", "webhook");
        assertThat(store.channels()).hasSize(4);
    }

    @Test
    void disablesEnablesAndDeletesAChannelCancellingItsPendingDeliveries() throws Exception {
        String path = "/notification-channels/" + alerts.hook.id();
        assertThat(api.get("/notification-channels", ADMIN).json().path("items").path(0).path("enabled").asBoolean())
                .isTrue();

        Answer disabled = api.send("PATCH", path, "{\"enabled\": false}", ADMIN);
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("secret").asText()).isEqualTo("hook-secret-0123456789");
        assertThat(store.channels().getFirst().enabled()).isFalse();
        // what was queued for it is cancelled, not sent
        assertThat(store.deliveries(alerts.blogFiring.id())).extracting(DeliveryRecord::state)
                .containsExactly(DeliveryRecord.CANCELLED);
        Answer enabled = api.send("PATCH", path, "{\"enabled\": true}", ADMIN);
        assertThat(enabled.json().path("enabled").asBoolean()).as("%s", enabled).isTrue();

        assertError(api.send("PATCH", path, "{\"enabled\": false}", SHOP_TOKEN), 403, "forbidden", "admin token");
        assertError(api.send("DELETE", path, null, SHOP_TOKEN), 403, "forbidden", "admin token");
        assertError(api.send("PATCH", path, "{\"name\": \"x\"}", ADMIN), 400, "invalid_payload", "'enabled'");
        assertError(api.send("PATCH", "/notification-channels/99999", "{\"enabled\": false}", ADMIN), 404,
                "not_found", "no notification channel 99999");
        assertError(api.send("DELETE", "/notification-channels/99999", null, ADMIN), 404, "not_found",
                "no notification channel 99999");
        assertError(api.send("DELETE", "/notification-channels/0", null, ADMIN), 400, "invalid_parameter",
                "channel id");

        // the internal alert still has a delivery pending to the chat, and gets one more to the hook
        AlertRecord internal = store.applyAlertChange(new AlertChange(alerts.internal,
                "renotified", "again", NOW, List.of(new NewDelivery(alerts.hook.id(),
                        "renotified", "{}"))));
        Answer deleted = api.send("DELETE", path, null, ADMIN);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(store.channels()).extracting(ChannelRecord::id).containsExactly(alerts.chat.id());
        assertThat(store.deliveries(internal.id()))
                .filteredOn(delivery -> delivery.channelId() == alerts.hook.id())
                .extracting(DeliveryRecord::state)
                .containsExactly(DeliveryRecord.CANCELLED, DeliveryRecord.CANCELLED);
        assertThat(store.alert(internal.id()).orElseThrow().channelIds()).containsExactly(alerts.chat.id());
        assertError(api.send("DELETE", path, null, ADMIN), 404, "not_found", "no notification channel");
    }

    private static List<Long> ids(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        answer.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
