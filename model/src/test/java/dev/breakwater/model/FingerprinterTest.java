package dev.breakwater.model;

import static dev.breakwater.model.Payloads.store;
import static dev.breakwater.model.Payloads.storeFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    /** The sentry-java sample, changed by {@code edit} before decoding. */
    private static CanonicalEvent javaEvent(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Payloads.bytes("sentry-java-event.json"));
        edit.accept(event);
        return store(event.toString());
    }

    private static ObjectNode thrown(ObjectNode event) {
        return (ObjectNode) event.get("exception").get("values").get(1);
    }

    private static ObjectNode thrownFrame(ObjectNode event, int index) {
        return (ObjectNode) thrown(event).get("stacktrace").get("frames").get(index);
    }

    private static String fingerprint(CanonicalEvent event) {
        return Fingerprinter.group(event).fingerprint();
    }

    @Test
    void groupingCarriesVersionTitleCulpritAndType() throws Exception {
        Grouping grouping = Fingerprinter.group(storeFile("sentry-java-event.json"));
        assertThat(grouping.fingerprint()).matches("[0-9a-f]{32}");
        assertThat(grouping.version()).isEqualTo(Fingerprinter.GROUPING_VERSION);
        // titled by the outermost exception, not the cause
        assertThat(grouping.title()).isEqualTo("IllegalStateException: Could not load order 12345");
        assertThat(grouping.culprit()).isEqualTo("GET /orders/{id}");
        assertThat(grouping.type()).isEqualTo("error");
    }

    @Test
    void sameCallSiteWithDifferentMessagesAndLinesGroupsTogether() throws Exception {
        String base = fingerprint(storeFile("sentry-java-event.json"));
        CanonicalEvent other = javaEvent(e -> {
            thrown(e).put("value", "Could not load order 999");
            thrownFrame(e, 7).put("lineno", 80);
            thrownFrame(e, 4).put("lineno", 12);
            e.put("event_id", "00000000000000000000000000000001");
        });
        assertThat(fingerprint(other)).isEqualTo(base);
    }

    @Test
    void sameTypeFromAnotherFunctionIsAnotherIssue() throws Exception {
        String base = fingerprint(storeFile("sentry-java-event.json"));
        CanonicalEvent other = javaEvent(e -> thrownFrame(e, 7).put("function", "save"));
        assertThat(fingerprint(other)).isNotEqualTo(base);
    }

    @Test
    void aDifferentCauseIsAnotherIssue() throws Exception {
        String base = fingerprint(storeFile("sentry-java-event.json"));
        CanonicalEvent other = javaEvent(e -> ((ObjectNode) e.get("exception").get("values").get(0))
                .put("type", "SQLSyntaxErrorException"));
        assertThat(fingerprint(other)).isNotEqualTo(base);
    }

    @Test
    void onlyInAppFramesCountWhenThereAreAny() throws Exception {
        String base = fingerprint(storeFile("sentry-java-event.json"));
        CanonicalEvent libraryChanged = javaEvent(e -> thrownFrame(e, 2).put("function", "doService"));
        assertThat(fingerprint(libraryChanged)).isEqualTo(base);
        CanonicalEvent appChanged = javaEvent(e -> thrownFrame(e, 4).put("function", "index"));
        assertThat(fingerprint(appChanged)).isNotEqualTo(base);
    }

    @Test
    void allFramesCountWhenNoneIsInApp() throws Exception {
        String a = fingerprint(store("""
                {"exception":[{"type":"E","stacktrace":{"frames":[{"module":"lib.A","function":"f"}]}}]}"""));
        String b = fingerprint(store("""
                {"exception":[{"type":"E","stacktrace":{"frames":[{"module":"lib.A","function":"g"}]}}]}"""));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void lambdasProxiesAndReflectionAreNormalised() throws Exception {
        String base = fingerprint(javaEvent(e -> thrownFrame(e, 3).put("in_app", true)));
        CanonicalEvent rebuilt = javaEvent(e -> {
            thrownFrame(e, 3).put("in_app", true).put("module", "jdk.internal.reflect.GeneratedMethodAccessor12");
            thrownFrame(e, 5).put("module", "com.example.shop.orders.OrderService$$SpringCGLIB$$1");
            thrownFrame(e, 6).put("function", "lambda$load$7");
        });
        assertThat(fingerprint(rebuilt)).isEqualTo(base);
    }

    @Test
    void lambdaClassesOfDifferentJdksGroupTogether() throws Exception {
        String template = """
                {"exception":[{"type":"E","stacktrace":{"frames":[
                  {"module":"%s","function":"apply","in_app":true},
                  {"module":"com.x.Svc$$EnhancerBySpringCGLIB$$%s","function":"run","in_app":true},
                  {"module":"com.x.Entity_$$_jvst%s_0","function":"getId","in_app":true}]}}]}""";
        String jdk8 = fingerprint(store(template.formatted("com.x.Svc$$Lambda$14/1234567", "1a2b3c", "9a4")));
        String jdk17 = fingerprint(store(template.formatted("com.x.Svc$$Lambda$231/0x0000000800c0b4a0", "77ff00",
                "1b")));
        String jdk21 = fingerprint(store(template.formatted("com.x.Svc$$Lambda/0x000001d0c1003c18", "abc", "3c")));
        assertThat(jdk8).isEqualTo(jdk17).isEqualTo(jdk21);
    }

    @Test
    void recursionIsCollapsed() throws Exception {
        String frame = "{\"module\":\"app.Tree\",\"function\":\"walk\",\"in_app\":true,\"lineno\":%d}";
        String shallow = fingerprint(store("{\"exception\":[{\"type\":\"StackOverflowError\",\"stacktrace\":{\"frames\":["
                + frame.formatted(1) + "]}}]}"));
        String deep = fingerprint(store("{\"exception\":[{\"type\":\"StackOverflowError\",\"stacktrace\":{\"frames\":["
                + frame.formatted(1) + "," + frame.formatted(2) + "," + frame.formatted(3) + "]}}]}"));
        assertThat(deep).isEqualTo(shallow);
    }

    @Test
    void contextLinesCountOnlyOnContextLinePlatforms() throws Exception {
        String template = """
                {"platform":"%s","exception":[{"type":"E","stacktrace":{"frames":[
                  {"module":"app.views","function":"checkout","context_line":"%s","in_app":true}]}}]}""";
        assertThat(fingerprint(store(template.formatted("python", "x = 1"))))
                .isNotEqualTo(fingerprint(store(template.formatted("python", "x = 2"))));
        assertThat(fingerprint(store(template.formatted("java", "x = 1"))))
                .isEqualTo(fingerprint(store(template.formatted("java", "x = 2"))));
        String longA = "a".repeat(121);
        String longB = "b".repeat(121);
        assertThat(fingerprint(store(template.formatted("python", longA))))
                .isEqualTo(fingerprint(store(template.formatted("python", longB))));
    }

    @Test
    void javascriptUrlsDoNotSplitIssuesAcrossBuilds() throws Exception {
        String base = fingerprint(storeFile("javascript-event.json"));
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Payloads.bytes("javascript-event.json"));
        for (var frame : event.get("exception").get("values").get(0).get("stacktrace").get("frames")) {
            ((ObjectNode) frame).put("filename", frame.get("filename").asText().replace("3f2a1b", "9c8d7e"))
                    .put("colno", 12);
        }
        assertThat(fingerprint(store(event.toString()))).isEqualTo(base);
    }

    @Test
    void exceptionWithoutFramesGroupsByTypeAndParameterisedValue() throws Exception {
        assertThat(fingerprint(store("{\"exception\":[{\"type\":\"KeyError\",\"value\":\"'user_17'\"}]}")))
                .isEqualTo(fingerprint(store("{\"exception\":[{\"type\":\"KeyError\",\"value\":\"'cart'\"}]}")))
                .isNotEqualTo(fingerprint(store("{\"exception\":[{\"type\":\"ValueError\",\"value\":\"'cart'\"}]}")));
        assertThat(fingerprint(store("{\"exception\":[{\"type\":\"E\",\"value\":\"no row 17\"}]}")))
                .isNotEqualTo(fingerprint(store("{\"exception\":[{\"type\":\"E\",\"value\":\"no table\"}]}")));
    }

    @Test
    void messagesDifferingOnlyInValuesGroupTogether() throws Exception {
        String a = fingerprint(store("{\"message\":\"User 17 (ann@example.com) at 10.0.0.1 failed "
                + "5f0c6c1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f\"}"));
        String b = fingerprint(store("{\"message\":\"User 9002 (bob@example.org) at 172.16.4.2 failed "
                + "0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b\"}"));
        assertThat(a).isEqualTo(b);
        assertThat(fingerprint(store("{\"message\":\"User 17 logged out\"}"))).isNotEqualTo(a);
    }

    @Test
    void messageTemplateGroupsRegardlessOfParams() throws Exception {
        String a = fingerprint(store("{\"logentry\":{\"message\":\"User %s failed\",\"params\":[\"bob\"]}}"));
        String b = fingerprint(store("{\"logentry\":{\"message\":\"User %s failed\",\"params\":[\"ann\"]}}"));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void onlyTheFirstTwoNonEmptyLinesOfAMessageCount() throws Exception {
        assertThat(fingerprint(store("{\"message\":\"a\\n\\nb\\nc\"}")))
                .isEqualTo(fingerprint(store("{\"message\":\"a\\nb\\nd\"}")));
    }

    @Test
    void customFingerprintMergesDifferentErrors() throws Exception {
        CanonicalEvent a = javaEvent(e -> e.putArray("fingerprint").add("database-down"));
        CanonicalEvent b = store("{\"exception\":[{\"type\":\"Other\"}],\"fingerprint\":[\"database-down\"]}");
        assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
    }

    @Test
    void defaultVariableSubdividesTheDefaultGroup() throws Exception {
        String plain = fingerprint(storeFile("sentry-java-event.json"));
        String tenantA = fingerprint(javaEvent(e -> e.putArray("fingerprint").add("{{ default }}").add("tenant-a")));
        String tenantA2 = fingerprint(javaEvent(e -> {
            e.putArray("fingerprint").add("{{default}}").add("tenant-a");
            thrownFrame(e, 7).put("lineno", 99);
        }));
        String tenantB = fingerprint(javaEvent(e -> e.putArray("fingerprint").add("{{ default }}").add("tenant-b")));
        String otherCallSite = fingerprint(javaEvent(e -> {
            e.putArray("fingerprint").add("{{ default }}").add("tenant-a");
            thrownFrame(e, 7).put("function", "save");
        }));
        assertThat(tenantA).isEqualTo(tenantA2).isNotEqualTo(plain).isNotEqualTo(tenantB).isNotEqualTo(otherCallSite);
    }

    @Test
    void defaultAloneIsTheDefaultGrouping() throws Exception {
        assertThat(fingerprint(javaEvent(e -> e.putArray("fingerprint").add("{{ default }}"))))
                .isEqualTo(fingerprint(storeFile("sentry-java-event.json")));
    }

    @Test
    void transactionAndTypeVariables() throws Exception {
        String a = fingerprint(store("{\"transaction\":\"/a\",\"fingerprint\":[\"{{ transaction }}\"],"
                + "\"exception\":[{\"type\":\"X\"}]}"));
        String b = fingerprint(store("{\"transaction\":\"/a\",\"fingerprint\":[\"{{ transaction }}\"],"
                + "\"exception\":[{\"type\":\"Y\"}]}"));
        String c = fingerprint(store("{\"transaction\":\"/b\",\"fingerprint\":[\"{{ transaction }}\"]}"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void eventsWithNothingToGoByShareAStableFallback() throws Exception {
        assertThat(fingerprint(store("{\"platform\":\"java\"}")))
                .isEqualTo(fingerprint(store("{\"platform\":\"java\",\"event_id\":\"0123456789abcdef0123456789abcdef\"}")))
                .isNotEqualTo(fingerprint(store("{\"platform\":\"python\"}")));
        Grouping grouping = Fingerprinter.group(store("{}"));
        assertThat(grouping.title()).isEqualTo("<unlabeled event>");
        assertThat(grouping.culprit()).isEmpty();
        assertThat(grouping.type()).isEqualTo("message");
    }

    @Test
    void messageEventStackGroupsItAndNamesTheCulprit() throws Exception {
        String template = """
                {"message":"%s","stacktrace":{"frames":[{"module":"app.jobs","function":"%s","in_app":true}]}}""";
        assertThat(fingerprint(store(template.formatted("one", "run"))))
                .isEqualTo(fingerprint(store(template.formatted("two", "run"))))
                .isNotEqualTo(fingerprint(store(template.formatted("one", "stop"))));
        assertThat(Fingerprinter.group(store(template.formatted("one", "run"))).culprit()).isEqualTo("app.jobs in run");
    }

    @Test
    void rollbarTraceGroupsByAllFramesNotLines() throws Exception {
        CanonicalEvent a = Payloads.rollbarFile("rollbar-java-trace.json");
        ObjectNode item = (ObjectNode) Json.MAPPER.readTree(Payloads.bytes("rollbar-java-trace.json"));
        ObjectNode trace = (ObjectNode) item.get("data").get("body").get("trace");
        ((ObjectNode) trace.get("exception")).put("message", "Could not load order 1");
        ((ObjectNode) ((ArrayNode) trace.get("frames")).get(2)).put("lineno", 99);
        CanonicalEvent b = Payloads.decode("rollbar-item", item.toString()).getFirst();
        assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
        ((ObjectNode) ((ArrayNode) trace.get("frames")).get(0)).put("method", "start");
        CanonicalEvent c = Payloads.decode("rollbar-item", item.toString()).getFirst();
        assertThat(fingerprint(c)).isNotEqualTo(fingerprint(a));
    }

    @Test
    void rollbarFingerprintStringIsACustomFingerprint() throws Exception {
        CanonicalEvent a = Payloads.rollbarFile("rollbar-message.json");
        CanonicalEvent b = Payloads.decode("rollbar-item",
                "{\"data\":{\"fingerprint\":\"slow-gateway\",\"body\":{\"message\":{\"body\":\"other\"}}}}").getFirst();
        assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
    }
}
