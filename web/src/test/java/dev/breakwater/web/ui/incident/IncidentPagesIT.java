package dev.breakwater.web.ui.incident;

import static dev.breakwater.web.ui.UiClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.IncidentRecord;
import dev.breakwater.web.ui.UiClient.Answer;
import dev.breakwater.web.ui.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators' updates to the status page's incidents, over real HTTP and a real SQLite store. */
class IncidentPagesIT {
    @TempDir
    Path dir;

    UiServer app;
    IncidentRecord incident;

    @BeforeEach
    void start() throws Exception {
        app = UiServer.start(dir);
        incident = app.store.openIncident("Processing: events", "Processing: events degraded", "investigating",
                "events are processed late", app.clock.instant());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anAdminPostsAnUpdateThatIsKeptWithTheirName() throws Exception {
        String admin = app.signInAdmin();
        Answer page = app.client.get("/incidents", session(admin));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Processing: events degraded").contains("events are processed late");

        app.clock.advance(Duration.ofMinutes(3));
        Answer posted = app.client.post("/incidents/" + incident.id() + "/updates",
                Map.of("_csrf", page.csrf(), "status", "identified", "message", "a <b>slow</b> disk on the store host"),
                session(admin));
        assertThat(posted.status()).as("%s", posted).isEqualTo(303);
        assertThat(posted.header("Location")).contains("/incidents?added=" + incident.id());

        IncidentRecord stored = app.store.openIncident("Processing: events").orElseThrow();
        assertThat(stored.status()).isEqualTo("identified");
        IncidentRecord.Update update = stored.updates().getLast();
        assertThat(update.message()).isEqualTo("a <b>slow</b> disk on the store host");
        assertThat(update.operator()).contains("admin");
        assertThat(update.at()).isEqualTo(app.clock.instant());

        Answer after = app.client.get("/incidents?added=" + incident.id(), session(admin));
        assertThat(after.body()).contains("Update posted").contains("a &lt;b&gt;slow&lt;/b&gt; disk").doesNotContain("<b>slow</b>");
    }

    @Test
    void aBadUpdateIsRefusedWithTheReason() throws Exception {
        String admin = app.signInAdmin();
        String token = app.client.get("/incidents", session(admin)).csrf();

        Answer badStatus = app.client.post("/incidents/" + incident.id() + "/updates",
                Map.of("_csrf", token, "status", "panicking", "message", "x"), session(admin));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body()).contains("incident-error");
        Answer empty = app.client.post("/incidents/" + incident.id() + "/updates",
                Map.of("_csrf", token, "status", "monitoring", "message", "  "), session(admin));
        assertThat(empty.status()).isEqualTo(400);
        Answer unknown = app.client.post("/incidents/999999/updates",
                Map.of("_csrf", token, "status", "monitoring", "message", "fine"), session(admin));
        assertThat(unknown.status()).isEqualTo(404);

        assertThat(app.store.openIncident("Processing: events").orElseThrow().updates()).hasSize(1);
    }

    @Test
    void onlyAdminsSeeOrUpdateIncidents() throws Exception {
        String bob = app.signInBob();
        String token = app.client.get("/projects", session(bob)).csrf();

        assertThat(app.client.get("/incidents", session(bob)).status()).isEqualTo(403);
        assertThat(app.client.post("/incidents/" + incident.id() + "/updates",
                Map.of("_csrf", token, "status", "resolved", "message", "all good"), session(bob)).status()).isEqualTo(403);
        assertThat(app.store.openIncident("Processing: events")).as("still open").isPresent();
    }
}
