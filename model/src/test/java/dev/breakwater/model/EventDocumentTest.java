package dev.breakwater.model;

import static dev.breakwater.model.Payloads.storeFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDocumentTest {

    private static JsonNode document(CanonicalEvent event) throws Exception {
        return Json.MAPPER.readTree(EventDocument.toJson(event));
    }

    @Test
    void sentryJavaEventDocument() throws Exception {
        CanonicalEvent event = storeFile("sentry-java-event.json");
        JsonNode doc = document(event);

        assertThat(doc.get("eventId").asText()).isEqualTo("3f1c2a9be4d04b7a9c5e8f0d1a2b3c4d");
        assertThat(doc.get("receivedAt").asText()).isEqualTo("2025-03-14T09:27:00Z");
        assertThat(doc.get("timestamp").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
        assertThat(doc.get("platform").asText()).isEqualTo("java");
        assertThat(doc.get("level").asText()).isEqualTo("error");
        assertThat(doc.get("message").asText()).isEmpty();
        assertThat(doc.get("release").asText()).isEqualTo("shop@1.4.2+77");
        assertThat(doc.get("environment").asText()).isEqualTo("production");
        assertThat(doc.get("serverName").asText()).isEqualTo("shop-web-7f9c");
        assertThat(doc.get("tags").get("region").asText()).isEqualTo("eu-west-1");
        assertThat(doc.get("user").get("id").asText()).isEqualTo("u-1001");
        assertThat(doc.get("user").get("ipAddress").asText()).isEqualTo("203.0.113.9");
        assertThat(doc.get("user").get("username").isNull()).isTrue();
        JsonNode thrown = doc.get("exceptions").get(1);
        assertThat(thrown.get("type").asText()).isEqualTo("IllegalStateException");
        assertThat(thrown.get("module").asText()).isEqualTo("java.lang");
        JsonNode top = thrown.get("frames").get(7);
        assertThat(top.get("function").asText()).isEqualTo("load");
        assertThat(top.get("module").asText()).isEqualTo("com.example.shop.orders.OrderService");
        assertThat(top.get("filename").asText()).isEqualTo("OrderService.java");
        assertThat(top.get("absPath").isNull()).isTrue();
        assertThat(top.get("lineno").asInt()).isEqualTo(64);
        assertThat(top.get("colno").isNull()).isTrue();
        assertThat(top.get("inApp").asBoolean()).isTrue();
        assertThat(top.get("contextLine").isNull()).isTrue();
        assertThat(doc.get("breadcrumbs")).hasSize(2);
        assertThat(doc.get("breadcrumbs").get(0).get("timestamp").asText()).isEqualTo("2025-03-14T09:26:52.101Z");
        assertThat(doc.get("request").get("url").asText()).isEqualTo("https://shop.example.com/orders/12345");
        assertThat(doc.get("request").get("headers").get("Accept").asText()).isEqualTo("application/json");
        assertThat(doc.get("contexts").get("runtime").get("version").asText()).isEqualTo("21.0.2+13-LTS");
        assertThat(doc.get("sdk").get("name").asText()).isEqualTo("sentry.java.spring-boot.jakarta");
        assertThat(doc.get("sdk").get("version").asText()).isEqualTo("8.3.0");
        assertThat(doc.get("source").asText()).isEqualTo("sentry-store");
        // the original payload, embedded as JSON rather than as a string
        assertThat(doc.get("raw").isObject()).isTrue();
        assertThat(doc.get("raw")).isEqualTo(Json.MAPPER.readTree(Payloads.bytes("sentry-java-event.json")));
        assertThat(doc.has("projectSlug")).isFalse();
        assertThat(doc.has("issueId")).isFalse();
    }

    @Test
    void absentValuesAreNull() throws Exception {
        JsonNode doc = document(Payloads.store("{}"));
        for (String field : List.of("release", "environment", "serverName", "sdk")) {
            assertThat(doc.get(field).isNull()).as(field).isTrue();
        }
        assertThat(doc.get("tags").isEmpty()).isTrue();
        assertThat(doc.get("exceptions").isEmpty()).isTrue();
        assertThat(doc.get("request").get("data").isNull()).isTrue();
        assertThat(doc.get("message").asText()).isEmpty();
    }

    @Test
    void rollbarDocumentHasNoAccessToken() throws Exception {
        JsonNode doc = document(Payloads.rollbarFile("rollbar-java-trace.json"));
        assertThat(doc.get("source").asText()).isEqualTo("rollbar");
        assertThat(doc.get("raw").has("access_token")).isFalse();
        assertThat(new String(EventDocument.toJson(Payloads.rollbarFile("rollbar-java-trace.json"))))
                .doesNotContain("POST_SERVER_ITEM_TOKEN_1234");
    }

    @Test
    void everySamplePayloadWritesValidJson() throws Exception {
        for (String name : List.of("sentry-java-event.json", "sentry-python-event.json", "javascript-event.json",
                "store-logentry.json", "store-message-string.json")) {
            assertThat(document(storeFile(name)).get("eventId").asText()).matches("[0-9a-f]{32}");
        }
        for (String name : List.of("rollbar-java-trace.json", "rollbar-trace-chain.json", "rollbar-message.json",
                "rollbar-crash-report.json")) {
            assertThat(document(Payloads.rollbarFile(name)).get("eventId").asText()).matches("[0-9a-f]{32}");
        }
    }
}
