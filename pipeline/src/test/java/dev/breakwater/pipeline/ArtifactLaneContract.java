package dev.breakwater.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.ArtifactRecord;
import dev.breakwater.store.LaneCheckpoint;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.QuarantinedRecord;
import dev.breakwater.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifacts lane over a real spool and a real store: multipart upload records in, artifacts out, exactly once; a
 * malformed upload quarantined while the lane goes on. Run once per engine ({@link SqliteArtifactLaneTest},
 * {@link PostgresArtifactLaneTest}).
 */
abstract class ArtifactLaneContract {
    private static final String BOUNDARY = "----breakwater-test-7f3a";
    private static final String FORM = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    Path dir;

    private PipelineFixture fixture;
    private ProjectRecord project;

    abstract StoreConfig storeConfig(Path dir);

    @BeforeEach
    void start() throws Exception {
        fixture = new PipelineFixture(dir, storeConfig(dir), Clock.systemUTC());
        project = fixture.createProject("web");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void uploadsBecomeArtifactsAndAMalformedOneIsQuarantined() throws Exception {
        byte[] appMap = "{\"version\":3,\"file\":\"app.min.js\",\"mappings\":\"AAAA\"}".getBytes(UTF_8);
        byte[] mapping = "com.shop.App -> a:\n    void run() -> a\n".getBytes(UTF_8);
        // larger than the lane's batch bytes: a batch of its own
        byte[] vendorMap = new byte[3 << 20];
        new Random(7).nextBytes(vendorMap);

        fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity", sourceMap(
                "2.0.0", "https://web.example/app.min.js", appMap));
        long malformed = fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity",
                form(field("minified_url", "https://web.example/other.min.js"), file("source_map", "o.map", appMap)));
        long truncated = fixture.append("artifacts", project.id(), "rollbar-proguard", FORM, "identity",
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n7")
                        .getBytes(UTF_8));
        fixture.append("artifacts", project.id(), "rollbar-proguard", FORM, "gzip", Payloads.gzip(form(
                field("version", "2.0.0"), field("uuid", "0c3b8f0e-1111-4222-8333-944455556666"),
                file("mapping", "mapping.txt", mapping))));
        long last = fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity", sourceMap(
                "2.0.0", "https://web.example/vendor.min.js", vendorMap));

        awaitCheckpoint(last + 1);
        List<ArtifactRecord> artifacts = fixture.store().artifacts(project.id());
        assertThat(artifacts).extracting(ArtifactRecord::kind, ArtifactRecord::version, ArtifactRecord::name,
                        ArtifactRecord::size, ArtifactRecord::sha256)
                .containsExactlyInAnyOrder(
                        tuple("sourcemap", "2.0.0", "https://web.example/app.min.js",
                                (long) appMap.length, sha256(appMap)),
                        tuple("proguard", "2.0.0", "0c3b8f0e-1111-4222-8333-944455556666",
                                (long) mapping.length, sha256(mapping)),
                        tuple("sourcemap", "2.0.0", "https://web.example/vendor.min.js",
                                (long) vendorMap.length, sha256(vendorMap)));
        for (ArtifactRecord artifact : artifacts) {
            byte[] content = fixture.store().artifactContent(artifact.id()).orElseThrow();
            assertThat(sha256(content)).isEqualTo(artifact.sha256());
        }

        List<QuarantinedRecord> quarantined = fixture.store().quarantine("artifacts", 10);
        assertThat(quarantined).extracting(q -> q.record().offset()).containsExactly(malformed, truncated);
        assertThat(quarantined.get(0).record().reason())
                .isEqualTo("rollbar-sourcemap: form field 'version' is missing (fields: minified_url, source_map)");
        assertThat(quarantined.get(1).record().reason())
                .isEqualTo("rollbar-proguard: multipart body ends inside part 1 (no closing '--" + BOUNDARY + "')");
        assertThat(quarantined.get(1).record().contentType()).isEqualTo(FORM);
    }

    @Test
    void aNewerUploadReplacesTheOlderAndARestartAppliesNothingTwice() throws Exception {
        fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity", sourceMap(
                "1.0", "https://web.example/app.min.js", "old".getBytes(UTF_8)));
        long second = fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity", sourceMap(
                "1.0", "https://web.example/app.min.js", "new".getBytes(UTF_8)));
        awaitCheckpoint(second + 1);
        List<ArtifactRecord> before = fixture.store().artifacts(project.id());
        assertThat(before).extracting(ArtifactRecord::sha256).containsExactly(sha256("new".getBytes(UTF_8)));

        fixture.restart();
        long third = fixture.append("artifacts", project.id(), "rollbar-sourcemap", FORM, "identity", sourceMap(
                "1.1", "https://web.example/app.min.js", "next release".getBytes(UTF_8)));
        awaitCheckpoint(third + 1);
        List<ArtifactRecord> after = fixture.store().artifacts(project.id());
        assertThat(after).extracting(ArtifactRecord::version).containsExactly("1.1", "1.0");
        assertThat(after.get(1)).isEqualTo(before.getFirst());
        assertThat(fixture.store().quarantineCount("artifacts")).isZero();
    }

    private void awaitCheckpoint(long nextOffset) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.store().checkpoint("artifacts")
                .map(LaneCheckpoint::nextOffset)
                .filter(offset -> offset >= nextOffset)
                .isPresent());
    }

    private static byte[] sourceMap(String version, String minifiedUrl, byte[] map) {
        return form(field("version", version), field("minified_url", minifiedUrl), file("source_map", "app.js.map", map));
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(UTF_8);
    }

    private static byte[] file(String name, String filename, byte[] content) {
        byte[] head = ("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(UTF_8);
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(head);
        part.writeBytes(content);
        return part.toByteArray();
    }

    /** Each part (headers, empty line, content) after its delimiter, then the close delimiter. */
    private static byte[] form(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(UTF_8));
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes(UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
