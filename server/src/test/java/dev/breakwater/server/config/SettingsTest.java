package dev.breakwater.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void defaultsArePinned() {
        Settings settings = Settings.defaults();
        assertThat(settings.port(ConfigKeys.HTTP_PORT)).isEqualTo(8080);
        assertThat(settings.text(ConfigKeys.DATA_DIR)).isEqualTo("./data");
        assertThat(settings.bytes(ConfigKeys.SPOOL_SEGMENT_SIZE)).isEqualTo(64L << 20);
        assertThat(settings.bytes(ConfigKeys.SPOOL_MAX_PENDING)).isEqualTo(64L << 20);
        assertThat(settings.bytes(ConfigKeys.LANE_QUOTA_EVENTS)).isEqualTo(10L << 30);
        assertThat(settings.bytes(ConfigKeys.LANE_QUOTA_ARTIFACTS)).isEqualTo(4L << 30);
        assertThat(settings.bytes(ConfigKeys.MAX_WIRE_SIZE)).isEqualTo(20L << 20);
        assertThat(settings.bytes(ConfigKeys.MAX_DECODED_SIZE)).isEqualTo(100L << 20);
        assertThat(settings.bytes(ConfigKeys.MAX_INFLIGHT_BYTES)).isEqualTo(128L << 20);
        assertThat(settings.number(ConfigKeys.HTTP_MAX_CONNECTIONS)).isEqualTo(4096);
        assertThat(settings.number(ConfigKeys.MAX_CONCURRENT_REQUESTS)).isEqualTo(256);
        assertThat(settings.duration(ConfigKeys.HTTP_SHUTDOWN_GRACE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.text(ConfigKeys.NODE_ID)).isEmpty();
        assertThat(settings.number(ConfigKeys.RATE_LIMIT_PER_SECOND)).isEqualTo(1000);
        assertThat(settings.number(ConfigKeys.RATE_LIMIT_BURST)).isEqualTo(2000);
        assertThat(settings.duration(ConfigKeys.HTTP_BODY_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration(ConfigKeys.HTTP_IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.bytes(ConfigKeys.HTTP_MAX_HEADER_SIZE)).isEqualTo(16L << 10);
        assertThat(settings.text(ConfigKeys.ADMIN_TOKEN)).isEmpty();
        assertThat(settings.text(ConfigKeys.STORE_ENGINE)).isEqualTo("sqlite");
        assertThat(settings.text(ConfigKeys.STORE_SQLITE_FILE)).isEmpty();
        assertThat(settings.text(ConfigKeys.STORE_JDBC_URL)).isEmpty();
        assertThat(settings.number(ConfigKeys.STORE_POOL_SIZE)).isEqualTo(8);
        assertThat(settings.duration(ConfigKeys.STORE_ACQUISITION_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.duration(ConfigKeys.STORE_STATEMENT_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.number(ConfigKeys.STORE_RETENTION_DAYS)).isEqualTo(90);
        assertThat(settings.number(ConfigKeys.PIPELINE_BATCH_RECORDS)).isEqualTo(1000);
        assertThat(settings.bytes(ConfigKeys.PIPELINE_BATCH_BYTES)).isEqualTo(16L << 20);
        assertThat(settings.duration(ConfigKeys.PIPELINE_MAX_BACKOFF)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fileThenEnvironmentThenCommandLine(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("breakwater.yaml");
        Files.writeString(yaml, """
                http:
                  port: 9000
                spool:
                  segment-size: 8MiB
                ingest.rate-limit-per-second: 5
                """);
        Settings settings = Settings.load(
                yaml,
                Map.of("BREAKWATER_SPOOL_SEGMENT_SIZE", "16MiB", "BREAKWATER_HTTP_PORT", "9001"),
                Map.of("http.port", "9002"));
        assertThat(settings.port(ConfigKeys.HTTP_PORT)).isEqualTo(9002);
        assertThat(settings.bytes(ConfigKeys.SPOOL_SEGMENT_SIZE)).isEqualTo(16L << 20);
        assertThat(settings.number(ConfigKeys.RATE_LIMIT_PER_SECOND)).isEqualTo(5);
    }

    @Test
    void unknownKeysAreRejectedByName(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("breakwater.yaml");
        Files.writeString(yaml, "spool:\n  segmnet-size: 8MiB\n");
        assertThatThrownBy(() -> Settings.load(yaml, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spool.segmnet-size");
    }

    @Test
    void badValuesNameTheKey() {
        Settings settings = Settings.load(null, Map.of(), Map.of("spool.segment-size", "lots", "http.body-timeout", "soon"));
        assertThatThrownBy(() -> settings.bytes(ConfigKeys.SPOOL_SEGMENT_SIZE))
                .hasMessageContaining("spool.segment-size")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> settings.duration(ConfigKeys.HTTP_BODY_TIMEOUT))
                .hasMessageContaining("http.body-timeout");
    }

    @Test
    void sizesAndDurationsParse() {
        Settings settings = Settings.load(null, Map.of(), Map.of(
                "spool.segment-size", "512KiB", "http.body-timeout", "250ms", "http.idle-timeout", "2m"));
        assertThat(settings.bytes(ConfigKeys.SPOOL_SEGMENT_SIZE)).isEqualTo(512L << 10);
        assertThat(settings.duration(ConfigKeys.HTTP_BODY_TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration(ConfigKeys.HTTP_IDLE_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theAdmissionWaitDefaultsToHalfASecondAndMayBeZero() {
        assertThat(Settings.load(null, Map.of(), Map.of()).duration(ConfigKeys.ADMISSION_WAIT))
                .isEqualTo(Duration.ofMillis(500));
        Settings refuseAtOnce = Settings.load(null, Map.of("BREAKWATER_INGEST_ADMISSION_WAIT", "0ms"), Map.of());
        assertThat(refuseAtOnce.duration(ConfigKeys.ADMISSION_WAIT)).isZero();
        Settings negative = Settings.load(null, Map.of(), Map.of("ingest.admission-wait", "-1s"));
        assertThatThrownBy(() -> negative.duration(ConfigKeys.ADMISSION_WAIT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.admission-wait")
                .hasMessageContaining("-1s");
    }

    @Test
    void secretsAreRedactedInDescriptions() {
        Settings settings = Settings.load(null, Map.of("BREAKWATER_ADMIN_TOKEN", "super-secret-token-value"), Map.of());
        assertThat(settings.describe()).doesNotContain("super-secret-token-value").contains("admin.token = <redacted>");
    }
}
