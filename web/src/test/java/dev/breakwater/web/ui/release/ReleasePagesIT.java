package dev.breakwater.web.ui.release;

import static dev.breakwater.web.ui.UiClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.ArtifactWrite;
import dev.breakwater.store.LaneBatch;
import dev.breakwater.web.api.ShopData;
import dev.breakwater.web.ui.UiClient.Answer;
import dev.breakwater.web.ui.UiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The releases page's artifacts, over real HTTP and a real SQLite store seeded with {@link ShopData}. */
class ReleasePagesIT {
    @TempDir
    Path dir;

    UiServer app;

    @BeforeEach
    void start() throws Exception {
        app = UiServer.start(dir);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void eachReleaseListsItsArtifactsAsText() throws Exception {
        byte[] mapping = "com.shop.App -> a:\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        ArtifactWrite proguard = new ArtifactWrite(app.data.shop.id(), "proguard", "shop@1.0",
                "0c3b8f0e-1111-4222-8333-944455556666", mapping, ShopData.sha256(mapping),
                ShopData.NOW.minus(Duration.ofMinutes(5)), "n1", 2);
        app.store.apply(new LaneBatch("artifacts", 2, Map.of(), List.of(), List.of(), List.of(proguard), List.of()));

        Answer page = app.client.get("/projects/shop/releases", session(app.signInBob()));

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<h2 id=\"artifacts-title\">Artifacts</h2>").doesNotContain("no-artifacts");
        String release11 = section(body, "data-artifacts-release=\"shop@1.1\"");
        assertThat(release11).contains("https://shop.example/app.min.js").contains("source map")
                .contains(ShopData.SOURCE_MAP.length + " B").contains("3 h ago")
                .doesNotContain("0c3b8f0e");
        String release10 = section(body, "data-artifacts-release=\"shop@1.0\"");
        assertThat(release10).contains("0c3b8f0e-1111-4222-8333-944455556666").contains("ProGuard mapping")
                .contains("3.7 KiB").contains("5 min ago").doesNotContain("app.min.js");
        // text only: the content itself is never on the page
        assertThat(body).doesNotContain("com.shop.App");

        Answer blog = app.client.get("/projects/blog/releases", session(app.signInAdmin()));
        assertThat(blog.body()).contains("id=\"no-artifacts\"");
    }

    /** From the marker to the end of its table. */
    private static String section(String body, String marker) {
        int start = body.indexOf(marker);
        assertThat(start).as("%s on the page", marker).isNotNegative();
        return body.substring(start, body.indexOf("</table>", start));
    }
}
