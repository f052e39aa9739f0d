package dev.breakwater.web.api;

import static dev.breakwater.web.api.ShopData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.store.EventWrite;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.LaneBatch;
import dev.breakwater.store.Store;
import dev.breakwater.web.api.ApiClient.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API over real HTTP, a real Helidon server and a real store seeded with {@link ShopData}; one subclass per
 * store engine. Each test gets a fresh store and server.
 */
abstract class ReadApiContract {
    static final String ADMIN = ApiServer.ADMIN;
    static final List<String> LANES = List.of("events", "transactions", "metrics", "deploys", "artifacts");

    @TempDir
    Path dir;

    Store store;
    ShopData data;
    CheckpointPipelineControl pipeline;
    ApiServer server;
    ApiClient api;
    String blogToken;

    /** A fresh, empty store of this engine. */
    abstract Store openStore(Path dir) throws Exception;

    @BeforeEach
    void start() throws Exception {
        store = openStore(dir);
        data = ShopData.seed(store);
        blogToken = "blog-token-0123456789abcdef";
        store.createApiToken(data.blog.id(), ApiTokens.hashHex(blogToken), "blog ci", NOW);
        pipeline = new CheckpointPipelineControl(store, LANES);
        server = ApiServer.start(store, pipeline, Clock.fixed(NOW, ZoneOffset.UTC));
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

    // ---- issue list

    @Test
    void listsUnresolvedIssuesByLastSeenByDefault() throws Exception {
        Answer answer = api.get("/projects/shop/issues", ADMIN);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(titles(answer)).containsExactly("ValueError: bad input", "Payment gateway timeout", "KeyError: 'sku'",
                "RuntimeError: job 1", "RuntimeError: job 2", "RuntimeError: job 3", "RuntimeError: job 4",
                "RuntimeError: job 5", "RuntimeError: job 6");
        assertThat(answer.json().get("nextCursor").isNull()).isTrue();
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));

        JsonNode a = answer.json().path("items").path(0);
        IssueRecord stored = data.issue("a");
        assertThat(a.path("id").asLong()).isEqualTo(stored.id());
        assertThat(a.path("projectSlug").asText()).isEqualTo("shop");
        assertThat(a.path("culprit").asText()).isEqualTo("app.views in checkout");
        assertThat(a.path("type").asText()).isEqualTo("error");
        assertThat(a.path("level").asText()).isEqualTo("error");
        assertThat(a.path("status").asText()).isEqualTo("unresolved");
        assertThat(a.path("count").asLong()).isEqualTo(3);
        assertThat(a.path("userCount").asLong()).isEqualTo(2);
        assertThat(a.path("firstRelease").asText()).isEqualTo("shop@1.0");
        assertThat(a.path("lastRelease").asText()).isEqualTo("shop@1.1");
        assertThat(a.path("fingerprint").asText()).isEqualTo(ShopData.fingerprint("a"));
        assertThat(Instant.parse(a.path("firstSeen").asText())).isEqualTo(stored.firstSeen());
        assertThat(Instant.parse(a.path("lastSeen").asText())).isEqualTo(stored.lastSeen());
        assertThat(a.path("lastSeen").asText()).endsWith("Z");
        assertThat(a.get("resolvedAt").isNull()).isTrue();
        assertThat(a.get("regressedAt").isNull()).isTrue();
    }

    @Test
    void sortsByFirstSeenAndByCount() throws Exception {
        assertThat(titles(api.get("/projects/shop/issues?sort=firstSeen", ADMIN))).containsExactly(
                "Payment gateway timeout", "ValueError: bad input", "RuntimeError: job 1", "RuntimeError: job 2",
                "RuntimeError: job 3", "RuntimeError: job 4", "RuntimeError: job 5", "RuntimeError: job 6",
                "KeyError: 'sku'");

        List<JsonNode> byCount = items(api.get("/projects/shop/issues?sort=count", ADMIN));
        assertThat(byCount).extracting(n -> n.path("title").asText()).startsWith("KeyError: 'sku'", "ValueError: bad input");
        // ties (seven issues with one event) are broken by id, newest issue first
        assertThat(byCount).isSortedAccordingTo(Comparator.<JsonNode>comparingLong(n -> -n.path("count").asLong())
                .thenComparingLong(n -> -n.path("id").asLong()));
    }

    @Test
    void filtersByTextEnvironmentAndRelease() throws Exception {
        assertThat(titles(api.get("/projects/shop/issues?query=keyerror", ADMIN))).containsExactly("KeyError: 'sku'");
        assertThat(titles(api.get("/projects/shop/issues?query=CHECKOUT", ADMIN))).containsExactly("ValueError: bad input");
        assertThat(titles(api.get("/projects/shop/issues?environment=staging", ADMIN))).containsExactly("KeyError: 'sku'");
        assertThat(titles(api.get("/projects/shop/issues?release=shop@1.1", ADMIN)))
                .containsExactly("ValueError: bad input", "Payment gateway timeout");
        assertThat(titles(api.get("/projects/shop/issues?release=shop@1.1&environment=production&query=payment", ADMIN)))
                .containsExactly("Payment gateway timeout");
        assertThat(titles(api.get("/projects/shop/issues?query=nothing-like-this", ADMIN))).isEmpty();
    }

    @Test
    void walksEveryPageOnceForEachSort() throws Exception {
        for (String sort : List.of("lastSeen", "firstSeen", "count")) {
            List<String> unpaged = titles(api.get("/projects/shop/issues?status=all&sort=" + sort, ADMIN));
            for (int limit : new int[] {1, 2, 4}) {
                List<String> walked = new ArrayList<>();
                String query = "/projects/shop/issues?status=all&sort=" + sort + "&limit=" + limit;
                Answer page = api.get(query, ADMIN);
                int pages = 1;
                while (true) {
                    assertThat(page.status()).as("%s", page).isEqualTo(200);
                    assertThat(items(page).size()).isLessThanOrEqualTo(limit);
                    walked.addAll(titles(page));
                    JsonNode next = page.json().get("nextCursor");
                    if (next.isNull()) {
                        break;
                    }
                    page = api.get(query + "&cursor=" + next.asText(), ADMIN);
                    pages++;
                }
                assertThat(walked).as("sort %s, limit %d", sort, limit).isEqualTo(unpaged);
                assertThat(pages).isBetween(unpaged.size() / limit, unpaged.size() / limit + 1);
            }
        }
    }

    // ---- issue detail and status

    @Test
    void issueDetailHas24ZeroFilledHourlyBucketsEndingWithTheCurrentHour() throws Exception {
        IssueRecord b = data.issue("b");
        Answer answer = api.get("/issues/" + b.id(), ADMIN);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("title").asText()).isEqualTo("KeyError: 'sku'");
        assertThat(answer.json().path("count").asLong()).isEqualTo(5);
        JsonNode hourly = answer.json().path("hourly");
        assertThat(hourly).hasSize(24);
        Instant currentHour = Instant.parse("2026-03-10T12:00:00Z");
        for (int i = 0; i < 24; i++) {
            Instant expected = currentHour.minus(Duration.ofHours(23 - i));
            assertThat(Instant.parse(hourly.path(i).path(0).asText())).as("bucket %d", i).isEqualTo(expected);
            // the events 20, 4 and 3 hours ago; the two older than a day are outside the window
            long count = hourly.path(i).path(1).asLong();
            if (expected.equals(Instant.parse("2026-03-09T16:00:00Z")) || expected.equals(Instant.parse("2026-03-10T08:00:00Z"))
                    || expected.equals(Instant.parse("2026-03-10T09:00:00Z"))) {
                assertThat(count).as("bucket %s", expected).isEqualTo(1);
            } else {
                assertThat(count).as("bucket %s", expected).isZero();
            }
        }
        assertThat(hourly.path(0).path(0).asText()).isEqualTo("2026-03-09T13:00:00Z");
        assertThat(hourly.path(23).path(0).asText()).isEqualTo("2026-03-10T12:00:00Z");

        JsonNode a = api.get("/issues/" + data.issue("a").id(), ADMIN).json().path("hourly");
        assertThat(a).hasSize(24);
        assertThat(a.path(23).path(1).asLong()).as("the event 10 minutes ago is in the current hour").isEqualTo(1);
        long total = StreamSupport.stream(a.spliterator(), false).mapToLong(bucket -> bucket.path(1).asLong()).sum();
        assertThat(total).isEqualTo(3);
    }

    @Test
    void changesStatusAndTheListFollows() throws Exception {
        IssueRecord c = data.issue("c");

        Answer resolved = api.put("/issues/" + c.id(), "{\"status\": \"resolved\"}", ADMIN);

        assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.json().path("id").asLong()).isEqualTo(c.id());
        assertThat(Instant.parse(resolved.json().path("resolvedAt").asText())).isEqualTo(NOW);
        assertThat(titles(api.get("/projects/shop/issues", ADMIN))).doesNotContain("Payment gateway timeout").hasSize(8);
        assertThat(titles(api.get("/projects/shop/issues?status=resolved", ADMIN))).containsExactly("Payment gateway timeout");
        assertThat(titles(api.get("/projects/shop/issues?status=all", ADMIN))).hasSize(9);

        assertThat(api.put("/issues/" + data.issue("g1").id(), "{\"status\": \"ignored\"}", ADMIN).status()).isEqualTo(200);
        assertThat(titles(api.get("/projects/shop/issues?status=ignored", ADMIN))).containsExactly("RuntimeError: job 1");
        assertThat(api.get("/issues/" + data.issue("g1").id(), ADMIN).json().path("status").asText()).isEqualTo("ignored");

        Answer reopened = api.put("/issues/" + c.id(), "{\"status\": \"unresolved\"}", ADMIN);
        assertThat(reopened.json().path("status").asText()).isEqualTo("unresolved");
        assertThat(titles(api.get("/projects/shop/issues?status=resolved", ADMIN))).isEmpty();
    }

    // ---- events

    @Test
    void listsAnIssuesEventsNewestFirstInPages() throws Exception {
        IssueRecord a = data.issue("a");
        List<EventWrite> written = data.eventsOf("a");

        Answer first = api.get("/issues/" + a.id() + "/events?limit=2", ADMIN);

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(items(first)).extracting(n -> n.path("eventId").asText())
                .containsExactly(written.get(2).eventId(), written.get(1).eventId());
        JsonNode newest = items(first).get(0);
        assertThat(Instant.parse(newest.path("receivedAt").asText())).isEqualTo(written.get(2).receivedAt());
        assertThat(Instant.parse(newest.path("timestamp").asText())).isEqualTo(written.get(2).timestamp());
        assertThat(newest.path("level").asText()).isEqualTo("error");
        assertThat(newest.path("message").asText()).isEqualTo("bad input");
        assertThat(newest.path("release").asText()).isEqualTo("shop@1.1");
        assertThat(newest.path("environment").asText()).isEqualTo("production");

        String cursor = first.json().path("nextCursor").asText();
        Answer second = api.get("/issues/" + a.id() + "/events?limit=2&cursor=" + cursor, ADMIN);
        assertThat(items(second)).extracting(n -> n.path("eventId").asText()).containsExactly(written.get(0).eventId());
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        assertThat(items(api.get("/issues/" + a.id() + "/events", ADMIN))).hasSize(3);
    }

    @Test
    void eventDetailIsTheCanonicalDocumentWithProjectAndIssue() throws Exception {
        EventWrite written = data.eventsOf("a").get(1);
        String id = written.eventId();
        String asUuid = (id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                        + id.substring(16, 20) + "-" + id.substring(20))
                .toUpperCase(Locale.ROOT);

        for (String asGiven : List.of(id, asUuid)) {
            Answer answer = api.get("/events/" + asGiven, ADMIN);

            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            JsonNode event = answer.json();
            assertThat(event.path("eventId").asText()).isEqualTo(id);
            assertThat(event.path("projectSlug").asText()).isEqualTo("shop");
            assertThat(event.path("issueId").asLong()).isEqualTo(data.issue("a").id());
            assertThat(event.path("platform").asText()).isEqualTo("python");
            assertThat(event.path("release").asText()).isEqualTo("shop@1.1");
            assertThat(event.path("user").path("id").asText()).isEqualTo("u2");
            assertThat(event.path("exceptions").path(0).path("type").asText()).isEqualTo("ValueError");
            assertThat(event.path("exceptions").path(0).path("frames").path(0).path("lineno").asInt()).isEqualTo(42);
            assertThat(event.path("sdk").path("name").asText()).isEqualTo("sentry.python");
            assertThat(event.path("source").asText()).isEqualTo("sentry-envelope");
            assertThat(event.path("raw").path("event_id").asText()).isEqualTo(id);
            assertThat(event.path("raw").path("logentry").path("formatted").asText()).isEqualTo("bad input");
        }
    }

    // ---- releases and deploys

    @Test
    void listsReleasesAndDeploys() throws Exception {
        Answer releases = api.get("/projects/shop/releases", ADMIN);

        assertThat(releases.status()).as("%s", releases).isEqualTo(200);
        assertThat(items(releases)).extracting(n -> n.path("version").asText()).containsExactlyInAnyOrder("shop@1.0", "shop@1.1");
        JsonNode latest = items(releases).stream().filter(n -> n.path("version").asText().equals("shop@1.1")).findFirst().orElseThrow();
        assertThat(latest.path("projectSlug").asText()).isEqualTo("shop");
        assertThat(Instant.parse(latest.path("lastDeployAt").asText())).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(latest.has("firstSeen")).isTrue();
        assertThat(latest.path("eventCount").isNumber()).isTrue();

        Answer deploys = api.get("/projects/shop/deploys", ADMIN);
        assertThat(deploys.status()).as("%s", deploys).isEqualTo(200);
        assertThat(items(deploys)).hasSize(1);
        JsonNode deploy = items(deploys).get(0);
        assertThat(deploy.path("environment").asText()).isEqualTo("production");
        assertThat(deploy.path("revision").asText()).isEqualTo("shop@1.1");
        assertThat(deploy.path("user").asText()).isEqualTo("ana");
        assertThat(deploy.path("comment").asText()).isEqualTo("checkout fix");
        assertThat(deploy.path("status").asText()).isEqualTo("succeeded");
        assertThat(Instant.parse(deploy.path("deployedAt").asText())).isEqualTo(NOW.minus(Duration.ofHours(3)));

        assertThat(items(api.get("/projects/blog/deploys", ADMIN))).isEmpty();
        assertThat(items(api.get("/projects/blog/releases", ADMIN))).extracting(n -> n.path("version").asText())
                .containsExactly("blog@2");
    }

    @Test
    void listsArtifactsWithoutTheirContent() throws Exception {
        Answer artifacts = api.get("/projects/shop/artifacts", ADMIN);

        assertThat(artifacts.status()).as("%s", artifacts).isEqualTo(200);
        assertThat(items(artifacts)).hasSize(1);
        JsonNode artifact = items(artifacts).get(0);
        assertThat(artifact.path("projectSlug").asText()).isEqualTo("shop");
        assertThat(artifact.path("kind").asText()).isEqualTo("sourcemap");
        assertThat(artifact.path("version").asText()).isEqualTo("shop@1.1");
        assertThat(artifact.path("name").asText()).isEqualTo("https://shop.example/app.min.js");
        assertThat(artifact.path("size").asLong()).isEqualTo(ShopData.SOURCE_MAP.length);
        assertThat(artifact.path("sha256").asText()).isEqualTo(ShopData.sha256(ShopData.SOURCE_MAP));
        assertThat(Instant.parse(artifact.path("createdAt").asText())).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(artifact.path("id").isNumber()).isTrue();
        assertThat(artifact.has("content")).isFalse();

        assertThat(items(api.get("/projects/blog/artifacts", ADMIN))).isEmpty();
        assertError(api.get("/projects/nope/artifacts", ADMIN), 404, "not_found", "'nope'");
    }

    // ---- auth

    @Test
    void refusesRequestsWithoutAKnownToken() throws Exception {
        for (String token : new String[] {null, "wrong-token", ""}) {
            Answer answer = api.get("/projects/shop/issues", token);

            assertThat(answer.status()).as("token %s: %s", token, answer).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer");
            assertThat(answer.errorCode()).isEqualTo("unauthorized");
            assertThat(answer.errorMessage()).isNotBlank();
        }
        assertThat(api.get("/pipeline", null).status()).isEqualTo(401);
        assertThat(api.put("/issues/" + data.issue("a").id(), "{\"status\": \"resolved\"}", "wrong").status()).isEqualTo(401);
    }

    @Test
    void aProjectTokenSeesItsOwnProjectOnly() throws Exception {
        Answer created = api.post("/projects/shop/tokens", "{\"label\": \"ci\"}", ADMIN);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("projectSlug").asText()).isEqualTo("shop");
        assertThat(created.json().path("label").asText()).isEqualTo("ci");
        String shopToken = created.json().path("token").asText();
        assertThat(shopToken).startsWith("bwp_").hasSize(68);
        assertThat(store.apiTokenProject(ApiTokens.hashHex(shopToken))).hasValue(data.shop.id());

        IssueRecord a = data.issue("a");
        IssueRecord d = data.issue("d");
        String dEvent = data.eventsOf("d").get(0).eventId();

        // its own project
        assertThat(titles(api.get("/projects/shop/issues", shopToken))).hasSize(9);
        assertThat(api.get("/issues/" + a.id(), shopToken).status()).isEqualTo(200);
        assertThat(api.get("/issues/" + a.id() + "/events", shopToken).status()).isEqualTo(200);
        assertThat(api.get("/events/" + data.eventsOf("a").get(0).eventId(), shopToken).status()).isEqualTo(200);
        assertThat(api.get("/projects/shop/releases", shopToken).status()).isEqualTo(200);
        assertThat(api.get("/projects/shop/deploys", shopToken).status()).isEqualTo(200);
        assertThat(api.get("/projects/shop/artifacts", shopToken).status()).isEqualTo(200);
        assertThat(api.put("/issues/" + a.id(), "{\"status\": \"ignored\"}", shopToken).json().path("status").asText())
                .isEqualTo("ignored");

        // another project's things do not exist for it, exactly as things that do not exist at all
        Answer otherIssue = api.get("/issues/" + d.id(), shopToken);
        assertThat(otherIssue.status()).isEqualTo(404);
        assertThat(otherIssue.errorCode()).isEqualTo("not_found");
        assertThat(otherIssue.errorMessage()).isEqualTo("there is no issue " + d.id());
        Answer otherProject = api.get("/projects/blog/issues", shopToken);
        Answer noProject = api.get("/projects/nope/issues", shopToken);
        assertThat(otherProject.status()).isEqualTo(404);
        assertThat(otherProject.errorMessage()).isEqualTo(noProject.errorMessage().replace("nope", "blog"));
        for (String path : List.of("/issues/" + d.id() + "/events", "/events/" + dEvent, "/projects/blog/releases",
                "/projects/blog/deploys", "/projects/blog/artifacts")) {
            assertThat(api.get(path, shopToken).status()).as(path).isEqualTo(404);
        }
        assertThat(api.put("/issues/" + d.id(), "{\"status\": \"resolved\"}", shopToken).status()).isEqualTo(404);
        assertThat(data.issue("d").status().wireName()).isEqualTo("unresolved");

        // operators' endpoints are the admin's
        for (String[] call : new String[][] {
            {"GET", "/pipeline"}, {"GET", "/lanes/events/quarantine"}, {"POST", "/lanes/events/quarantine/replay"},
            {"POST", "/lanes/events/pause"}, {"POST", "/lanes/events/resume"}, {"POST", "/projects/shop/tokens"}
        }) {
            Answer answer = api.send(call[0], call[1], "{\"label\": \"x\"}", shopToken);
            assertThat(answer.status()).as("%s %s: %s", call[0], call[1], answer).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("forbidden");
        }

        // the blog's token sees the blog, not the shop
        assertThat(titles(api.get("/projects/blog/issues", blogToken))).containsExactly("TypeError: x is undefined");
        assertThat(api.get("/issues/" + a.id(), blogToken).status()).isEqualTo(404);
        assertThat(api.get("/events/" + dEvent, blogToken).json().path("projectSlug").asText()).isEqualTo("blog");

        // and the admin sees everything
        assertThat(api.get("/issues/" + d.id(), ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/events/" + dEvent, ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/projects/blog/issues", ADMIN).status()).isEqualTo(200);
    }

    // ---- pipeline and lanes

    @Test
    void showsThePipelineAndPausesAndResumesLanes() throws Exception {
        Answer status = api.get("/pipeline", ADMIN);

        assertThat(status.status()).as("%s", status).isEqualTo(200);
        assertThat(status.json().path("delaySeconds").isNumber()).isTrue();
        assertThat(status.json().get("catchUpEtaSeconds").isNull()).isTrue();
        assertThat(status.json().path("nodes").path(0).path("node").asText()).isEqualTo("n1");
        assertThat(status.json().path("nodes").path(0).path("lastProcessedReceivedAt").asText()).endsWith("Z");
        assertThat(items(status.json().path("lanes"))).extracting(n -> n.path("name").asText()).isEqualTo(LANES);
        JsonNode events = status.json().path("lanes").path(0);
        assertThat(events.path("state").asText()).isEqualTo("running");
        assertThat(events.path("quarantined").asLong()).isEqualTo(2);
        for (String field : List.of("backlogRecords", "backlogBytes", "oldestAgeSeconds", "inPerSecond", "outPerSecond",
                "diskQuotaBytes", "diskUsedBytes", "delaySeconds")) {
            assertThat(events.path(field).isNumber()).as(field).isTrue();
        }
        assertThat(events.get("lastError").isNull()).isTrue();

        Answer paused = api.post("/lanes/events/pause", null, ADMIN);
        assertThat(paused.status()).as("%s", paused).isEqualTo(200);
        assertThat(paused.json().path("name").asText()).isEqualTo("events");
        assertThat(paused.json().path("state").asText()).isEqualTo("paused");
        assertThat(store.checkpoint("events").orElseThrow().paused()).isTrue();
        assertThat(api.get("/pipeline", ADMIN).json().path("lanes").path(0).path("state").asText()).isEqualTo("paused");

        Answer resumed = api.post("/lanes/events/resume", null, ADMIN);
        assertThat(resumed.json().path("state").asText()).isEqualTo("running");

        for (String path : List.of("/lanes/nope/pause", "/lanes/nope/resume", "/lanes/nope/quarantine/replay")) {
            Answer unknown = api.post(path, null, ADMIN);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.errorMessage()).contains("nope").contains("events");
        }
        assertThat(api.get("/lanes/nope/quarantine", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void listsAndReplaysQuarantinedRecords() throws Exception {
        Answer quarantine = api.get("/lanes/events/quarantine", ADMIN);

        assertThat(quarantine.status()).as("%s", quarantine).isEqualTo(200);
        assertThat(items(quarantine)).extracting(n -> n.path("reason").asText()).containsExactlyInAnyOrder(
                "invalid JSON in item 1 of the envelope", "event has no exception and no message");
        assertThat(quarantine.json().path("total").asLong()).isEqualTo(2);
        JsonNode record = items(quarantine).get(0);
        assertThat(record.path("id").isIntegralNumber()).isTrue();
        assertThat(record.path("project").asText()).isEqualTo(Long.toString(data.shop.id()));
        assertThat(record.path("node").asText()).isEqualTo("n1");
        assertThat(record.path("source").asText()).isEqualTo("sentry-envelope");
        assertThat(record.path("contentType").asText()).isEqualTo("application/x-sentry-envelope");
        assertThat(record.path("encoding").asText()).isEqualTo("identity");
        assertThat(record.path("bodyBytes").asInt()).isEqualTo(11);
        assertThat(Instant.parse(record.path("receivedAt").asText())).isEqualTo(NOW);
        assertThat(record.path("quarantinedAt").asText()).endsWith("Z");
        assertThat(items(api.get("/lanes/events/quarantine?limit=1", ADMIN))).hasSize(1);

        Answer replayed = api.post("/lanes/events/quarantine/replay", null, ADMIN);

        assertThat(replayed.status()).as("%s", replayed).isEqualTo(200);
        assertThat(replayed.json().path("replayed").asInt()).isEqualTo(2);
        assertThat(pipeline.requeued()).hasSize(2);
        assertThat(items(api.get("/lanes/events/quarantine", ADMIN))).isEmpty();
        assertThat(api.post("/lanes/events/quarantine/replay", null, ADMIN).json().path("replayed").asInt()).isZero();
    }

    // ---- refusals

    @Test
    void refusesBadParametersNamingThemAndTheAcceptedValues() throws Exception {
        assertBadParameter(api.get("/projects/shop/issues?status=open", ADMIN), "status", "unresolved, resolved, ignored or all");
        assertBadParameter(api.get("/projects/shop/issues?sort=newest", ADMIN), "sort", "lastSeen, firstSeen or count");
        assertBadParameter(api.get("/projects/shop/issues?limit=0", ADMIN), "limit", "1 to 1000");
        assertBadParameter(api.get("/projects/shop/issues?limit=1001", ADMIN), "limit", "1 to 1000");
        assertBadParameter(api.get("/projects/shop/issues?limit=ten", ADMIN), "limit", "1 to 1000");
        assertBadParameter(api.get("/projects/shop/issues?cursor=not-a-cursor", ADMIN), "cursor", "nextCursor");
        assertBadParameter(api.get("/issues/" + data.issue("a").id() + "/events?cursor=%25%25", ADMIN), "cursor", "nextCursor");
        assertBadParameter(api.get("/issues/" + data.issue("a").id() + "/events?limit=-1", ADMIN), "limit", "1 to 1000");
        assertBadParameter(api.get("/lanes/events/quarantine?limit=5000", ADMIN), "limit", "1 to 1000");
        assertBadParameter(api.get("/events/not-hex", ADMIN), "eventId", "32 hex digits");
        assertBadParameter(api.get("/events/0123456789abcdef", ADMIN), "eventId", "32 hex digits");
        assertBadParameter(api.get("/issues/abc", ADMIN), "issue id", "positive whole number");
        assertBadParameter(api.get("/issues/0/events", ADMIN), "issue id", "positive whole number");

        // a cursor only continues the list it came from
        String cursor = api.get("/projects/shop/issues?limit=1", ADMIN).json().path("nextCursor").asText();
        assertThat(api.get("/projects/shop/issues?limit=1&cursor=" + cursor, ADMIN).status()).isEqualTo(200);
        assertBadParameter(api.get("/projects/shop/issues?limit=1&sort=count&cursor=" + cursor, ADMIN), "cursor", "same filters");
        assertBadParameter(api.get("/projects/shop/issues?limit=1&status=all&cursor=" + cursor, ADMIN), "cursor", "same filters");
        assertBadParameter(api.get("/issues/" + data.issue("a").id() + "/events?cursor=" + cursor, ADMIN), "cursor", "nextCursor");
    }

    @Test
    void refusesBadBodies() throws Exception {
        String issue = "/issues/" + data.issue("a").id();
        assertError(api.put(issue, "{not json", ADMIN), 400, "invalid_json", "{\"status\": \"resolved\"}");
        assertError(api.put(issue, "[\"resolved\"]", ADMIN), 400, "invalid_json", "JSON object");
        assertError(api.put(issue, null, ADMIN), 400, "invalid_json", "JSON object");
        assertError(api.put(issue, "{}", ADMIN), 400, "invalid_payload", "'status' is required");
        assertError(api.put(issue, "{\"status\": \"open\"}", ADMIN), 400, "invalid_payload", "unresolved, resolved or ignored");
        assertError(api.put(issue, "{\"status\": 1}", ADMIN), 400, "invalid_payload", "'status' must be a string");
        assertThat(data.issue("a").status().wireName()).isEqualTo("unresolved");

        assertError(api.post("/projects/shop/tokens", "{}", ADMIN), 400, "invalid_payload", "'label' is required");
        assertError(api.post("/projects/shop/tokens", "{\"label\": \"" + "x".repeat(201) + "\"}", ADMIN), 400,
                "invalid_payload", "at most 200");
        assertError(api.post("/projects/nope/tokens", "{\"label\": \"ci\"}", ADMIN), 404, "not_found", "nope");
    }

    @Test
    void refusesBodiesTooLargeToBeAnyRequestOfThisApi() throws Exception {
        String padded = "{\"status\": \"resolved\", \"padding\": \"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}";

        assertError(api.put("/issues/" + data.issue("a").id(), padded, ADMIN), 413, "payload_too_large", "at most");
        assertThat(data.issue("a").status().wireName()).isEqualTo("unresolved");
    }

    @Test
    void answersInternalErrorWithoutDetailsWhenAStoredDocumentIsCorrupt() throws Exception {
        EventWrite good = data.eventsOf("c").get(0);
        String eventId = "00000000000000000000000000c0aa17";
        EventWrite corrupt = new EventWrite(good.projectId(), eventId, good.fingerprint(), good.groupingVersion(),
                good.title(), good.culprit(), good.type(), good.level(), NOW, NOW, good.message(), good.release(),
                good.environment(), good.userKey(), "not deflate at all".getBytes(StandardCharsets.UTF_8), "deflate");
        store.apply(new LaneBatch("events", 100, Map.of(), List.of(corrupt), List.of(), List.of()));

        Answer answer = api.get("/events/" + eventId, ADMIN);

        assertError(answer, 500, "internal_error", "logged");
        assertThat(answer.response().body()).doesNotContain("Exception").doesNotContain("deflate").doesNotContain("at dev.");
        // the rest of the API is unaffected
        assertThat(api.get("/events/" + good.eventId(), ADMIN).status()).isEqualTo(200);
    }

    @Test
    void answersNotFoundForWhatDoesNotExist() throws Exception {
        assertError(api.get("/issues/999999", ADMIN), 404, "not_found", "there is no issue 999999");
        assertError(api.get("/issues/999999/events", ADMIN), 404, "not_found", "there is no issue 999999");
        assertError(api.put("/issues/999999", "{\"status\": \"resolved\"}", ADMIN), 404, "not_found", "999999");
        assertError(api.get("/events/ffffffffffffffffffffffffffffffff", ADMIN), 404, "not_found", "ffffffff");
        assertError(api.get("/projects/nope/issues", ADMIN), 404, "not_found", "'nope'");
        assertError(api.get("/projects/nope/releases", ADMIN), 404, "not_found", "'nope'");
        assertError(api.get("/projects/nope/deploys", ADMIN), 404, "not_found", "'nope'");
        assertError(api.get("/no/such/endpoint", ADMIN), 404, "not_found", "/api/v1/no/such/endpoint");
    }

    @Test
    void answersMethodNotAllowedWithTheAllowedMethods() throws Exception {
        Answer answer = api.send("DELETE", "/issues/" + data.issue("a").id(), null, ADMIN);

        assertError(answer, 405, "method_not_allowed", "DELETE");
        assertThat(answer.header("Allow")).hasValue("GET, PUT");
        assertThat(api.send("GET", "/lanes/events/pause", null, ADMIN).status()).isEqualTo(405);
    }

    static void assertBadParameter(Answer answer, String parameter, String accepted) {
        assertError(answer, 400, "invalid_parameter", parameter);
        assertThat(answer.errorMessage()).contains(accepted);
    }

    static void assertError(Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.json().size()).as("only the error field: %s", answer).isEqualTo(1);
        assertThat(answer.errorCode()).as("%s", answer).isEqualTo(code);
        assertThat(answer.errorMessage()).as("%s", answer).contains(messagePart);
    }

    static List<JsonNode> items(Answer answer) {
        return items(answer.json().path("items"));
    }

    static List<JsonNode> items(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<String> titles(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return items(answer).stream().map(n -> n.path("title").asText()).toList();
    }
}
