package dev.breakwater.web.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.web.api.CheckpointPipelineControl;
import dev.breakwater.web.api.ReadApi;
import dev.breakwater.web.ui.Templates;
import dev.breakwater.web.ui.UiConfig;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.WebUi;
import dev.breakwater.web.ui.alert.StoreAlertActions;
import dev.breakwater.web.ui.auth.PasswordHasher;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The public status page over real HTTP, a real Helidon server (with the read API and the signed-in UI registered
 * after it, as the server does) and a real SQLite store holding what the monitor publishes.
 */
class StatusRoutesIT {
    static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String EVIL = "<script>alert('owned')</script> & \"quoted\"";

    @TempDir
    Path dir;

    Store store;
    WebServer server;
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    IncidentRecord open;
    IncidentRecord past;

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        store.setComponentState(new ComponentState("Web", "operational", NOW.minus(Duration.ofDays(3))));
        store.setComponentState(new ComponentState("Processing: events", "partial_outage", NOW.minusSeconds(600)));
        store.setComponentState(new ComponentState("Ingest API", "operational", NOW.minus(Duration.ofDays(3))));
        store.setComponentState(new ComponentState("Notifications", "operational", NOW.minus(Duration.ofDays(3))));

        past = store.openIncident("Web", "Web degraded", "investigating", "Slow answers.", NOW.minus(Duration.ofDays(2)));
        store.addIncidentUpdate(past.id(), "resolved", "Web is operational again.", Optional.empty(),
                NOW.minus(Duration.ofDays(2)).plusSeconds(300));
        IncidentRecord ancient = store.openIncident("Web", "Web major outage", "investigating", "Down.",
                NOW.minus(Duration.ofDays(30)));
        store.addIncidentUpdate(ancient.id(), "resolved", "Up.", Optional.empty(), NOW.minus(Duration.ofDays(29)));
        open = store.openIncident("Processing: events", "Processing: events partial outage", "investigating",
                "Processing of events has been stalled for 10 s.", NOW.minusSeconds(600));
        open = store.addIncidentUpdate(open.id(), "identified", EVIL, Optional.of("admin"), NOW.minusSeconds(300))
                .orElseThrow();

        ManualClock clock = new ManualClock(NOW);
        UiContext context = new UiContext(store, new CheckpointPipelineControl(store, List.of("events")),
                new Templates(), clock, UiConfig.defaults(),
                name -> { throw new IllegalArgumentException("no project creation in this test"); },
                () -> "http://127.0.0.1:9");
        StatusRoutes status = new StatusRoutes(store, new Templates(), clock, () -> "https://status.example.com/");
        ReadApi api = new ReadApi(store, new CheckpointPipelineControl(store, List.of("events")), "admin-token", clock,
                new StoreAlertActions(store, clock));
        WebUi ui = WebUi.create(context, new StoreAlertActions(store, clock), new PasswordHasher(new SecureRandom()),
                new SecureRandom());
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register(status).register("/api/v1", api).register(ui))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void pageAnswersWithoutSignInAndShowsComponentsAndIncidents() throws Exception {
        HttpResponse<String> page = get("/status");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'"));
        String html = page.body();
        assertThat(html).contains("Partial outage", "/static/app.css", "/status.atom")
                .doesNotContain("Sign out", "/signout");
        assertThat(html.indexOf("Ingest API")).isLessThan(html.indexOf("Processing: events"));
        assertThat(html.indexOf("Processing: events")).isLessThan(html.indexOf("Notifications"));
        assertThat(html.indexOf("Notifications")).isLessThan(html.indexOf(">Web<"));
        assertThat(html).contains("data-component=\"Processing: events\"", "data-status=\"partial_outage\"",
                "id=\"incident-" + open.id() + "\"", "id=\"incident-" + past.id() + "\"", "Slow answers.");
        assertThat(html).as("30 days ago is not past the fourteen days").doesNotContain("Web major outage");
        assertThat(html).as("operators stay anonymous on the public page").doesNotContain("admin");
        // the newest update first
        assertThat(html.indexOf("Identified")).isLessThan(html.indexOf("stalled for 10 s"));
    }

    @Test
    void incidentTextIsEscapedInThePageTheFeedAndTheJson() throws Exception {
        String html = get("/status").body();
        assertThat(html).doesNotContain("<script>", EVIL)
                .contains("&lt;script&gt;alert('owned')&lt;/script&gt; &amp; \"quoted\"");

        HttpResponse<String> feed = get("/status.atom");
        assertThat(feed.body()).doesNotContain("<script>");
        Document atom = parse(feed.body());
        List<String> contents = texts(atom, "content");
        assertThat(contents).contains(EVIL);

        JsonNode json = new ObjectMapper().readTree(get("/api/v1/status").body());
        assertThat(json.findValuesAsText("message")).contains(EVIL);
    }

    @Test
    void feedIsAtomWithOneEntryPerUpdateNewestFirst() throws Exception {
        HttpResponse<String> feed = get("/status.atom");

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
        assertThat(feed.headers().allValues("Set-Cookie")).isEmpty();
        Document atom = parse(feed.body());
        Element root = atom.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(child(root, "id")).isEqualTo("https://status.example.com/status");
        assertThat(child(root, "updated")).isEqualTo(NOW.minusSeconds(300).toString());

        NodeList entries = atom.getElementsByTagNameNS(ATOM, "entry");
        // open: 2 updates, past: 2 updates; the 30-day-old incident is not in the feed
        assertThat(entries.getLength()).isEqualTo(4);
        List<String> ids = new ArrayList<>();
        List<Instant> updated = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            ids.add(child(entry, "id"));
            updated.add(Instant.parse(child(entry, "updated")));
            assertThat(child(entry, "title")).isNotBlank();
        }
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("https://status.example.com/status#incident-"));
        assertThat(updated).isSortedAccordingTo((a, b) -> b.compareTo(a));
        Element newest = (Element) entries.item(0);
        assertThat(child(newest, "title")).isEqualTo("Processing: events partial outage: Identified");
    }

    @Test
    void jsonHasTheApiShape() throws Exception {
        HttpResponse<String> answer = get("/api/v1/status");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(json.path("overall").asText()).isEqualTo("partial_outage");
        assertThat(json.path("components")).hasSize(4);
        JsonNode first = json.path("components").get(0);
        assertThat(first.path("name").asText()).isEqualTo("Ingest API");
        assertThat(first.path("status").asText()).isEqualTo("operational");
        assertThat(first.path("since").asText()).isEqualTo(NOW.minus(Duration.ofDays(3)).toString());
        assertThat(json.path("incidents")).hasSize(2);
        JsonNode incident = json.path("incidents").get(0);
        assertThat(incident.path("id").asLong()).isEqualTo(open.id());
        assertThat(incident.path("title").asText()).isEqualTo("Processing: events partial outage");
        assertThat(incident.path("status").asText()).isEqualTo("identified");
        assertThat(incident.path("resolvedAt").isNull()).isTrue();
        assertThat(incident.path("updates")).hasSize(2);
        JsonNode update = incident.path("updates").get(0);
        assertThat(update.path("at").asText()).isEqualTo(NOW.minusSeconds(300).toString());
        assertThat(update.path("status").asText()).isEqualTo("identified");
        assertThat(update.has("operator")).isFalse();
        assertThat(json.path("incidents").get(1).path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void storeOutageAnswersServiceUnavailable() throws Exception {
        store.close();

        HttpResponse<String> page = get("/status");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.body()).contains("Status unavailable", "/static/app.css");

        HttpResponse<String> feed = get("/status.atom");
        assertThat(feed.statusCode()).isEqualTo(503);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");

        HttpResponse<String> json = get("/api/v1/status");
        assertThat(json.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(json.body()).path("error").path("code").asText())
                .isEqualTo("store_unavailable");
        store = null;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document document, String element) {
        NodeList nodes = document.getElementsByTagNameNS(ATOM, element);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static String child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ATOM.equals(element.getNamespaceURI())
                    && element.getLocalName().equals(name)) {
                return element.getTextContent();
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getLocalName());
    }
}
