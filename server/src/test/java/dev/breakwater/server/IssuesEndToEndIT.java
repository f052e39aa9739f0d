package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rollbar.notifier.Rollbar;
import com.rollbar.notifier.config.ConfigBuilder;
import dev.breakwater.ingest.ProjectKey;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.sentry.protocol.User;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From SDK to issue: the real sentry-java and rollbar-java SDKs, configured only with the DSN or token Breakwater
 * prints, send errors; the read API shows them grouped the way a Sentry user expects.
 */
class IssuesEndToEndIT {
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
    void sentryJavaErrorsAreGroupedIntoIssues() throws Exception {
        String dsn = server.dsn();
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease("shop@1.2.3");
            options.setEnvironment("staging");
        });
        try {
            // one call site, other messages and other line numbers (as after a code change): one issue
            for (int i = 0; i < 3; i++) {
                Sentry.captureException(atLine(new IllegalStateException("cart " + (100 + i) + " is empty"), 40 + i));
            }
            // the same type from two other functions: two more issues
            Sentry.captureException(failInRefund());
            Sentry.captureException(failInInvoice());
            // messages that differ only in numbers and addresses: one issue
            Sentry.captureMessage("user 123 failed to log in from 10.0.0.1", SentryLevel.WARNING);
            Sentry.captureMessage("user 98765 failed to log in from 192.168.17.4", SentryLevel.WARNING);
            // a custom fingerprint merges what would be two issues
            Sentry.withScope(scope -> {
                scope.setFingerprint(List.of("payment-gateway-down"));
                Sentry.captureException(new java.net.ConnectException("gateway A refused"));
                Sentry.captureException(new java.net.SocketTimeoutException("gateway B timed out"));
            });
            // a chained exception, with the context an app sets on its scope
            Sentry.withScope(scope -> {
                scope.setTag("region", "eu-west");
                User user = new User();
                user.setId("user-42");
                user.setEmail("ann@example.com");
                scope.setUser(user);
                scope.addBreadcrumb(Breadcrumb.info("clicked pay"));
                Sentry.captureException(new RuntimeException("checkout failed", new java.io.IOException("socket closed")));
            });
            Sentry.flush(10_000);
        } finally {
            Sentry.close();
        }

        List<JsonNode> issues = awaitIssues(10);
        assertThat(issues).hasSize(6);
        assertThat(issueTitled(issues, "IllegalStateException: cart").path("count").asLong()).isEqualTo(3);
        assertThat(issues.stream().filter(i -> i.path("title").asText().startsWith("IllegalArgumentException")))
                .as("same type from two functions").hasSize(2);
        JsonNode login = issueTitled(issues, "user ");
        assertThat(login.path("count").asLong()).isEqualTo(2);
        assertThat(login.path("type").asText()).isEqualTo("message");
        assertThat(issues.stream().filter(i -> i.path("count").asLong() == 2 && i.path("type").asText().equals("error")))
                .as("the custom fingerprint's issue").hasSize(1);

        JsonNode chained = issueTitled(issues, "RuntimeException: checkout failed");
        assertThat(chained.path("firstRelease").asText()).isEqualTo("shop@1.2.3");
        JsonNode events = server.api("/api/v1/issues/" + chained.path("id").asLong() + "/events");
        String eventId = events.path("items").get(0).path("eventId").asText();
        JsonNode event = server.api("/api/v1/events/" + eventId);
        assertThat(event.path("release").asText()).isEqualTo("shop@1.2.3");
        assertThat(event.path("environment").asText()).isEqualTo("staging");
        assertThat(event.path("tags").path("region").asText()).isEqualTo("eu-west");
        assertThat(event.path("user").path("id").asText()).isEqualTo("user-42");
        assertThat(event.path("breadcrumbs").toString()).contains("clicked pay");
        assertThat(event.path("exceptions")).hasSize(2);
        JsonNode outer = event.path("exceptions").get(1);
        assertThat(outer.path("type").asText()).endsWith("RuntimeException");
        assertThat(outer.path("frames").size()).isPositive();
        assertThat(outer.path("frames").toString()).contains("sentryJavaErrorsAreGroupedIntoIssues");
        assertThat(event.path("raw").isObject()).isTrue();
        assertThat(event.path("projectSlug").asText()).isEqualTo("default");
    }

    @Test
    void rollbarJavaErrorsAreGroupedIntoIssues() throws Exception {
        ProjectKey key = server.defaultKey();
        Rollbar rollbar = new Rollbar(ConfigBuilder.withAccessToken(key.rollbarToken())
                .endpoint(server.baseUrl() + "/api/1/item/")
                .environment("production")
                .codeVersion("9f8e7d6")
                .build());
        try {
            for (int i = 0; i < 3; i++) {
                rollbar.error(atLine(new IllegalArgumentException("coupon " + i + " expired"), 70 + i));
            }
            rollbar.error(failInRefund());
            rollbar.error(new IllegalStateException("order failed", new java.io.IOException("disk full")));
        } finally {
            rollbar.close(true);
        }

        List<JsonNode> issues = awaitIssues(5);
        assertThat(issues).hasSize(3);
        assertThat(issueTitled(issues, "IllegalArgumentException: coupon").path("count").asLong()).isEqualTo(3);
        JsonNode chained = issueTitled(issues, "IllegalStateException: order failed");
        assertThat(chained.path("lastRelease").asText()).isEqualTo("9f8e7d6");
        JsonNode events = server.api("/api/v1/issues/" + chained.path("id").asLong() + "/events");
        JsonNode event = server.api("/api/v1/events/" + events.path("items").get(0).path("eventId").asText());
        assertThat(event.path("environment").asText()).isEqualTo("production");
        assertThat(event.path("exceptions").size()).isEqualTo(2);
        assertThat(event.path("raw").toString()).doesNotContain(key.rollbarToken());
    }

    private List<JsonNode> awaitIssues(long events) {
        await().atMost(Duration.ofSeconds(30)).until(() -> issues().stream().mapToLong(i -> i.path("count").asLong()).sum() >= events);
        try {
            return issues();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> issues() throws IOException {
        JsonNode page = server.api("/api/v1/projects/default/issues?status=all&limit=100");
        return new ArrayList<>(StreamSupport.stream(page.path("items").spliterator(), false).toList());
    }

    private static JsonNode issueTitled(List<JsonNode> issues, String prefix) {
        return issues.stream()
                .filter(i -> i.path("title").asText().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no issue titled '" + prefix + "...' in " + issues));
    }

    /** The exception as if thrown from the same place of an older or newer build: only line numbers differ. */
    private static <T extends Throwable> T atLine(T exception, int line) {
        StackTraceElement[] trace = exception.getStackTrace();
        trace[0] = new StackTraceElement(trace[0].getClassName(), trace[0].getMethodName(), trace[0].getFileName(), line);
        exception.setStackTrace(trace);
        return exception;
    }

    private static IllegalArgumentException failInRefund() {
        return new IllegalArgumentException("refund of order 7 not allowed");
    }

    private static IllegalArgumentException failInInvoice() {
        return new IllegalArgumentException("invoice of order 7 not allowed");
    }
}
