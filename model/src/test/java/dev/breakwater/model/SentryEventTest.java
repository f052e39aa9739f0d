package dev.breakwater.model;

import static dev.breakwater.model.Payloads.RECEIVED;
import static dev.breakwater.model.Payloads.store;
import static dev.breakwater.model.Payloads.storeFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SentryEventTest {

    @Test
    void sentryJavaEventWithChainedException() throws Exception {
        CanonicalEvent event = storeFile("sentry-java-event.json");

        assertThat(event.eventId()).isEqualTo("3f1c2a9be4d04b7a9c5e8f0d1a2b3c4d");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-03-14T09:26:53.589Z"));
        assertThat(event.receivedAt()).isEqualTo(RECEIVED);
        assertThat(event.platform()).isEqualTo("java");
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.message()).isEmpty();
        assertThat(event.release()).contains("shop@1.4.2+77");
        assertThat(event.environment()).contains("production");
        assertThat(event.serverName()).contains("shop-web-7f9c");
        assertThat(event.logger()).contains("com.example.shop.web.OrderController");
        assertThat(event.transaction()).contains("GET /orders/{id}");
        assertThat(event.tags()).containsExactly(
                org.assertj.core.api.Assertions.entry("region", "eu-west-1"),
                org.assertj.core.api.Assertions.entry("thread.name", "http-nio-8080-exec-4"));
        assertThat(event.source()).isEqualTo("sentry-store");

        // oldest first: the cause, then the outermost (thrown) exception last
        assertThat(event.exceptions()).extracting(ExceptionValue::type)
                .containsExactly("SQLTransientConnectionException", "IllegalStateException");
        ExceptionValue thrown = event.exceptions().getLast();
        assertThat(thrown.value()).isEqualTo("Could not load order 12345");
        assertThat(thrown.module()).isEqualTo("java.lang");
        assertThat(thrown.mechanism()).isEqualTo("UncaughtExceptionHandler");
        assertThat(thrown.handled()).isFalse();
        assertThat(thrown.frames()).hasSize(8);
        Frame top = thrown.frames().getLast();
        assertThat(top.function()).isEqualTo("load");
        assertThat(top.module()).isEqualTo("com.example.shop.orders.OrderService");
        assertThat(top.filename()).isEqualTo("OrderService.java");
        assertThat(top.lineno()).isEqualTo(64);
        assertThat(top.inApp()).isTrue();
        assertThat(thrown.frames().getFirst().inApp()).isFalse();
        assertThat(event.stacktrace()).isEmpty();

        assertThat(event.user().id()).contains("u-1001");
        assertThat(event.user().email()).contains("bob@example.com");
        assertThat(event.user().ipAddress()).contains("203.0.113.9");
        assertThat(event.user().data()).containsKey("plan");
        assertThat(event.user().key()).contains("u-1001");

        assertThat(event.breadcrumbs()).hasSize(2);
        assertThat(event.breadcrumbs().getFirst().type()).isEqualTo("http");
        assertThat(event.breadcrumbs().getFirst().timestamp()).isEqualTo(Instant.parse("2025-03-14T09:26:52.101Z"));
        assertThat(event.breadcrumbs().get(1).level()).isEqualTo("debug");

        assertThat(event.request().url()).contains("https://shop.example.com/orders/12345");
        assertThat(event.request().method()).contains("GET");
        assertThat(event.request().queryString()).contains("expand=items");
        assertThat(event.request().headers()).containsEntry("User-Agent", "curl/8.5.0");
        assertThat(event.contexts()).containsKeys("os", "runtime", "trace", "app");
        assertThat(event.extra()).containsKey("order.source");
        assertThat(event.sdk()).contains(new Sdk("sentry.java.spring-boot.jakarta", "8.3.0"));
        assertThat(event.fingerprint()).isEmpty();
        // the document keeps the original event, byte for byte
        assertThat(Json.MAPPER.readTree(EventDocument.toJson(event)).path("raw").path("dist").asText()).isEqualTo("77");
    }

    @Test
    void sentryPythonEventWithContextLinesAndNumericTimestamp() throws Exception {
        CanonicalEvent event = storeFile("sentry-python-event.json");

        assertThat(event.eventId()).isEqualTo("9a0b1c2d3e4f4a5b8c6d7e8f90a1b2c3");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-14T09:26:53.250Z"));
        assertThat(event.platform()).isEqualTo("python");
        Frame frame = event.exceptions().getLast().frames().getLast();
        assertThat(frame.contextLine()).isEqualTo("    quantity = int(request.POST['quantity'])");
        assertThat(frame.preContext()).containsExactly("def checkout(request):", "    cart = load_cart(request)");
        assertThat(frame.postContext()).hasSize(1);
        assertThat(frame.absPath()).isEqualTo("/srv/app/billing/views.py");
        assertThat(event.exceptions().getLast().module()).isNull();
        // {{auto}} means "the sender's address", unknown here
        assertThat(event.user().ipAddress()).isEmpty();
        assertThat(event.user().id()).contains("7");
        assertThat(event.user().key()).contains("7");
        assertThat(event.tags()).containsEntry("retries", "3");
        assertThat(event.breadcrumbs()).hasSize(2);
        assertThat(event.breadcrumbs().get(1).timestamp()).isEqualTo(Instant.parse("2024-03-14T09:26:53.100Z"));
        assertThat(event.breadcrumbs().get(1).level()).isEqualTo("warning");
        assertThat(event.request().headers()).containsEntry("Host", "billing.example.com");
        assertThat(event.request().queryString()).isEmpty();
        assertThat(event.request().data().get("quantity").asText()).isEqualTo("abc");
    }

    @Test
    void javascriptEventWithTagPairsAndBreadcrumbList() throws Exception {
        CanonicalEvent event = storeFile("javascript-event.json");

        assertThat(event.platform()).isEqualTo("javascript");
        assertThat(event.tags()).containsEntry("browser", "Firefox 124").containsEntry("page", "cart");
        assertThat(event.breadcrumbs()).extracting(Breadcrumb::category).containsExactly("ui.click", "fetch");
        assertThat(event.breadcrumbs().getFirst().type()).isEqualTo("default");
        assertThat(event.breadcrumbs().getFirst().level()).isEqualTo("info");
        assertThat(event.exceptions().getLast().frames().get(1).colno()).isEqualTo(88213);
        assertThat(event.user().key()).contains("198.51.100.23");
    }

    @Test
    void logentryParamsAreApplied() throws Exception {
        CanonicalEvent event = storeFile("store-logentry.json");

        assertThat(event.message()).isEqualTo("User bob failed login from 10.0.0.1");
        assertThat(event.messageTemplate()).contains("User %s failed login from %s");
        assertThat(event.level()).isEqualTo("warning");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1710408413));
        assertThat(event.tags()).containsEntry("attempt", "3").containsEntry("method", "password");
        assertThat(event.isError()).isFalse();
    }

    @Test
    void plainMessageStringAndZonelessTimestamp() throws Exception {
        CanonicalEvent event = storeFile("store-message-string.json");

        assertThat(event.message()).startsWith("Disk almost full on db-3.internal: 93% used");
        assertThat(event.messageTemplate()).isEmpty();
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-03-14T09:26:53Z"));
        assertThat(event.level()).isEqualTo("info");
        // no event_id: derived from node and seq, exactly as ingest replied
        assertThat(event.eventId()).isEqualTo(DerivedIds.eventId("n1", 42));
    }

    @Test
    void formattedWinsOverTemplateAndParamStyles() throws Exception {
        assertThat(store("{\"logentry\":{\"message\":\"a %s\",\"params\":[1],\"formatted\":\"shown\"}}").message())
                .isEqualTo("shown");
        assertThat(store("{\"logentry\":{\"message\":\"user {} in {}\",\"params\":[\"bob\",\"eu\"]}}").message())
                .isEqualTo("user bob in eu");
        assertThat(store("{\"logentry\":{\"message\":\"user {1} in {0}\",\"params\":[\"eu\",\"bob\"]}}").message())
                .isEqualTo("user bob in eu");
        assertThat(store("{\"logentry\":{\"message\":\"%(user)s at 100%%\",\"params\":{\"user\":\"bob\"}}}")
                .message()).isEqualTo("bob at 100%");
        assertThat(store("{\"logentry\":{\"message\":\"%d%% done\",\"params\":[5]}}").message())
                .isEqualTo("5% done");
        // the old "message" object form
        assertThat(store("{\"message\":{\"message\":\"hi %s\",\"params\":[\"x\"]}}").message()).isEqualTo("hi x");
        assertThat(store("{}").message()).isEmpty();
    }

    @Test
    void levelsAreNormalised() throws Exception {
        assertThat(store("{\"level\":\"warn\"}").level()).isEqualTo("warning");
        assertThat(store("{\"level\":\"critical\"}").level()).isEqualTo("fatal");
        assertThat(store("{\"level\":\"FATAL\"}").level()).isEqualTo("fatal");
        assertThat(store("{\"level\":\"log\"}").level()).isEqualTo("info");
        assertThat(store("{\"level\":\"bogus\"}").level()).isEqualTo("error");
        assertThat(store("{\"level\":30}").level()).isEqualTo("warning");
        assertThat(store("{}").level()).isEqualTo("error");
    }

    @Test
    void timestampForms() throws Exception {
        assertThat(store("{\"timestamp\":\"2025-03-14T09:26:53.123456789+02:00\"}").timestamp())
                .isEqualTo(Instant.parse("2025-03-14T07:26:53.123456789Z"));
        assertThat(store("{\"timestamp\":\"2025-03-14 09:26:53\"}").timestamp())
                .isEqualTo(Instant.parse("2025-03-14T09:26:53Z"));
        assertThat(store("{\"timestamp\":\"2025-03-14T09:26Z\"}").timestamp())
                .isEqualTo(Instant.parse("2025-03-14T09:26:00Z"));
        assertThat(store("{\"timestamp\":1710408413.000001}").timestamp())
                .isEqualTo(Instant.parse("2024-03-14T09:26:53.000001Z"));
        assertThat(store("{\"timestamp\":\"1710408413.5\"}").timestamp())
                .isEqualTo(Instant.parse("2024-03-14T09:26:53.500Z"));
        assertThat(store("{\"timestamp\":null}").timestamp()).isEqualTo(RECEIVED);
        assertThat(store("{}").timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void exceptionAsBareListAndEventIdWithDashes() throws Exception {
        CanonicalEvent event = store("""
                {"event_id":"AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE",
                 "exception":[{"type":"KeyError","value":"'x'"}]}""");
        assertThat(event.eventId()).isEqualTo("aaaaaaaabbbbccccddddeeeeeeeeeeee");
        assertThat(event.exceptions()).extracting(ExceptionValue::type).containsExactly("KeyError");
        assertThat(event.exceptions().getFirst().frames()).isEmpty();
    }

    @Test
    void topLevelStacktraceIsAttachedToAnExceptionWithoutFrames() throws Exception {
        CanonicalEvent event = store("""
                {"exception":{"values":[{"type":"E","value":"v"}]},
                 "stacktrace":{"frames":[{"function":"main","module":"app"}]}}""");
        assertThat(event.exceptions().getLast().frames()).extracting(Frame::function).containsExactly("main");
        assertThat(event.stacktrace()).isEmpty();
    }

    @Test
    void crashedThreadStackIsAttachedToTheLastException() throws Exception {
        CanonicalEvent event = store("""
                {"exception":{"values":[{"type":"ApplicationNotResponding","value":"ANR","thread_id":1}]},
                 "threads":{"values":[
                   {"id":2,"current":true,"stacktrace":{"frames":[{"function":"other"}]}},
                   {"id":1,"crashed":true,"stacktrace":{"frames":[{"function":"main"}]}}]}}""");
        assertThat(event.exceptions().getLast().frames()).extracting(Frame::function).containsExactly("main");
    }

    @Test
    void messageEventKeepsItsCurrentThreadStack() throws Exception {
        CanonicalEvent event = store("""
                {"message":"hello","threads":[{"id":1,"current":true,"stacktrace":{"frames":[{"function":"f"}]}}]}""");
        assertThat(event.isError()).isFalse();
        assertThat(event.stacktrace()).extracting(Frame::function).containsExactly("f");
    }

    @Test
    void oldCulpritFieldFillsTransactionAndUserDataIsMerged() throws Exception {
        CanonicalEvent event = store("""
                {"culprit":"app.views.checkout","user":{"email":"a@b.co","name":"Ann","data":{"tier":"x"}}}""");
        assertThat(event.transaction()).contains("app.views.checkout");
        assertThat(event.user().data()).containsOnlyKeys("name", "tier");
        assertThat(event.user().key()).contains("a@b.co");
    }

    @Test
    void customFingerprintIsRead() throws Exception {
        assertThat(store("{\"fingerprint\":[\"{{ default }}\",\"tenant-7\",3]}").fingerprint())
                .containsExactly("{{ default }}", "tenant-7", "3");
    }
}
