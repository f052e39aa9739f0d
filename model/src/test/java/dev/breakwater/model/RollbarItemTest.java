package dev.breakwater.model;

import static dev.breakwater.model.Payloads.decode;
import static dev.breakwater.model.Payloads.rollbarFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RollbarItemTest {

    @Test
    void rollbarJavaTrace() throws Exception {
        CanonicalEvent event = rollbarFile("rollbar-java-trace.json");

        assertThat(event.source()).isEqualTo("rollbar");
        assertThat(event.eventId()).isEqualTo("d4c5b6a70e1f4a2b9c3d4e5f6a7b8c9d");
        assertThat(event.level()).isEqualTo("fatal");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1710408413));
        assertThat(event.platform()).isEqualTo("java");
        assertThat(event.environment()).contains("production");
        assertThat(event.release()).contains("1.4.2");
        assertThat(event.serverName()).contains("shop-web-1");
        assertThat(event.transaction()).contains("OrderController#show");
        assertThat(event.message()).isEqualTo("Could not load order 12345");
        assertThat(event.exceptions()).singleElement().satisfies(e -> {
            // split as Sentry's Java SDK sends it, so titles read the same whichever SDK sent the error
            assertThat(e.type()).isEqualTo("IllegalStateException");
            assertThat(e.module()).isEqualTo("java.lang");
            assertThat(e.value()).isEqualTo("Could not load order 12345");
            assertThat(e.frames()).extracting(Frame::function).containsExactly("run", "show", "load");
            assertThat(e.frames().getLast().module()).isEqualTo("com.example.shop.orders.OrderService");
            assertThat(e.frames().getLast().lineno()).isEqualTo(64);
        });
        assertThat(event.user().id()).contains("42");
        assertThat(event.user().username()).contains("bob");
        assertThat(event.user().email()).contains("bob@example.com");
        assertThat(event.user().ipAddress()).contains("203.0.113.9");
        assertThat(event.request().queryString()).contains("expand=items");
        assertThat(event.sdk()).contains(new Sdk("rollbar-java", "2.0.0"));
        assertThat(event.extra()).containsKeys("orderId", "tier");
        assertThat(event.tags()).containsEntry("framework", "java");
        assertThat(event.contexts()).containsKey("server");
        // the credential is not kept
        assertThat(event.raw().has("access_token")).isFalse();
        assertThat(event.raw().get("data").get("uuid").asText()).isEqualTo("d4c5b6a7-0e1f-4a2b-9c3d-4e5f6a7b8c9d");
    }

    @Test
    void traceChainIsReversedSoTheOutermostIsLast() throws Exception {
        CanonicalEvent event = rollbarFile("rollbar-trace-chain.json");

        assertThat(event.exceptions()).extracting(ExceptionValue::type)
                .containsExactly("SQLTransientConnectionException", "IllegalStateException");
        assertThat(event.message()).isEqualTo("Could not load order 12345");
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.release()).contains("1.4.3");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-14T09:26:53.500Z"));
        // not a UUID: hashed under the rollbar: namespace
        assertThat(event.eventId()).isEqualTo(UUID.nameUUIDFromBytes(
                "rollbar:my-own-id-17".getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
        assertThat(Fingerprinter.group(event).title())
                .isEqualTo("IllegalStateException: Could not load order 12345");
    }

    @Test
    void messageWithTelemetryTitleAndFingerprint() throws Exception {
        CanonicalEvent event = rollbarFile("rollbar-message.json");

        assertThat(event.isError()).isFalse();
        assertThat(event.message()).isEqualTo("Payment gateway slow: 5300ms");
        assertThat(event.level()).isEqualTo("warning");
        assertThat(event.platform()).isEqualTo("javascript");
        assertThat(event.release()).contains("abc123");
        assertThat(event.title()).contains("Slow payment gateway");
        assertThat(event.fingerprint()).containsExactly("slow-gateway");
        assertThat(event.extra()).containsEntry("gateway", Json.MAPPER.getNodeFactory().textNode("stripe"));
        assertThat(event.breadcrumbs()).hasSize(2);
        assertThat(event.breadcrumbs().get(1).message()).isEqualTo("retrying");
        assertThat(event.breadcrumbs().getFirst().timestamp()).isEqualTo(Instant.ofEpochMilli(1710408410123L));
        assertThat(event.eventId()).isEqualTo(DerivedIds.eventId("n1", 42));
        Grouping grouping = Fingerprinter.group(event);
        assertThat(grouping.title()).isEqualTo("Slow payment gateway");
        assertThat(grouping.type()).isEqualTo("message");
    }

    @Test
    void crashReportIsAMessageWithTheRawReport() throws Exception {
        CanonicalEvent event = rollbarFile("rollbar-crash-report.json");

        assertThat(event.isError()).isFalse();
        assertThat(event.message()).startsWith("Incident Identifier: 7D0C5F36");
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.platform()).isEqualTo("cocoa");
        assertThat(Fingerprinter.group(event).title())
                .isEqualTo("Incident Identifier: 7D0C5F36-1D5B-4B5A-9A53-2F2E7A1B7C11");
    }

    @Test
    void defaultLevels() throws Exception {
        assertThat(decode("rollbar-item", "{\"data\":{\"body\":{\"message\":{\"body\":\"hi\"}}}}").getFirst().level())
                .isEqualTo("info");
        assertThat(decode("rollbar-item",
                "{\"data\":{\"body\":{\"trace\":{\"frames\":[],\"exception\":{\"class\":\"E\"}}}}}").getFirst().level())
                .isEqualTo("error");
    }

    @Test
    void malformedItems() {
        assertThatThrownBy(() -> decode("rollbar-item", "{}")).hasMessage("rollbar-item: item has no data object");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":[]}"))
                .hasMessage("rollbar-item: data must be an object, was a list");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{}}"))
                .hasMessage("rollbar-item: data.body is missing");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{}}}"))
                .hasMessageContaining("exactly one of trace, trace_chain, message, crash_report; it has none");
        assertThatThrownBy(() -> decode("rollbar-item",
                "{\"data\":{\"body\":{\"message\":{\"body\":\"x\"},\"trace\":{\"exception\":{\"class\":\"E\"}}}}}"))
                .hasMessageContaining("it has trace and message");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{\"trace\":{\"frames\":[]}}}}"))
                .hasMessage("rollbar-item: data.body.trace.exception is missing");
        assertThatThrownBy(() -> decode("rollbar-item",
                "{\"data\":{\"body\":{\"trace\":{\"exception\":{\"message\":\"m\"}}}}}"))
                .hasMessage("rollbar-item: data.body.trace.exception.class is missing");
        assertThatThrownBy(() -> decode("rollbar-item",
                "{\"data\":{\"body\":{\"trace\":{\"frames\":{},\"exception\":{\"class\":\"E\"}}}}}"))
                .hasMessage("rollbar-item: data.body.trace.frames must be a list, was an object");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{\"trace_chain\":[]}}}"))
                .hasMessage("rollbar-item: data.body.trace_chain is empty");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{\"trace_chain\":[1]}}}"))
                .hasMessage("rollbar-item: data.body.trace_chain[0] must be an object, was the number 1");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{\"message\":{}}}}"))
                .hasMessage("rollbar-item: data.body.message.body is missing");
        assertThatThrownBy(() -> decode("rollbar-item", "{\"data\":{\"body\":{\"crash_report\":\"x\"}}}"))
                .hasMessage("rollbar-item: data.body.crash_report must be an object, was the string 'x'");
        assertThatThrownBy(() -> decode("rollbar-item",
                "{\"data\":{\"timestamp\":\"soon\",\"body\":{\"message\":{\"body\":\"x\"}}}}"))
                .hasMessage("rollbar-item: data.timestamp must be an RFC 3339 timestamp or epoch seconds, "
                        + "was the string 'soon'");
    }
}
