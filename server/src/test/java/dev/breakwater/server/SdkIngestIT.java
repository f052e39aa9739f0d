package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rollbar.notifier.Rollbar;
import com.rollbar.notifier.config.ConfigBuilder;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.spool.SpoolRecord;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Sentry and Rollbar Java SDKs, configured with nothing but the DSN / token Breakwater prints, send errors
 * and messages; the records land in the events lane of the right project.
 */
class SdkIngestIT {
    @TempDir
    Path data;

    TestingServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestingServer.start(data, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sentryJavaSdkErrorsAndMessagesLandInTheEventsLane() throws Exception {
        String dsn = server.dsn();
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease("shop@1.2.3");
            options.setEnvironment("staging");
        });
        try {
            Sentry.captureException(new IllegalStateException("cart is empty"));
            Sentry.captureMessage("checkout slow for order 42", SentryLevel.WARNING);
            Sentry.flush(10_000);
        } finally {
            Sentry.close();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> server.records("events").size() >= 2);
        List<SpoolRecord> records = server.records("events");
        String projectId = server.defaultKey().projectId();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.header().project()).isEqualTo(projectId);
            assertThat(r.header().source()).isEqualTo("sentry-envelope");
            assertThat(r.header().node()).isEqualTo("test-node");
        });
        List<String> bodies = records.stream().map(RecordBodies::text).toList();
        assertThat(bodies).anySatisfy(b -> assertThat(b)
                .contains("\"type\":\"event\"")
                .contains("IllegalStateException")
                .contains("cart is empty")
                .contains("shop@1.2.3"));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("checkout slow for order 42"));
    }

    @Test
    void rollbarJavaSdkErrorsAndMessagesLandInTheEventsLane() throws Exception {
        ProjectKey key = server.defaultKey();
        Rollbar rollbar = new Rollbar(ConfigBuilder.withAccessToken(key.rollbarToken())
                .endpoint(server.baseUrl() + "/api/1/item/")
                .environment("production")
                .codeVersion("9f8e7d6")
                .build());
        try {
            rollbar.error(new IllegalArgumentException("bad coupon code"));
            rollbar.info("nightly import finished with 3 warnings");
        } finally {
            rollbar.close(true);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> server.records("events").size() >= 2);
        List<SpoolRecord> records = server.records("events");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.header().project()).isEqualTo(key.projectId());
            assertThat(r.header().source()).isEqualTo("rollbar-item");
        });
        List<String> bodies = records.stream().map(RecordBodies::text).toList();
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("IllegalArgumentException").contains("bad coupon code"));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("nightly import finished"));
    }
}
