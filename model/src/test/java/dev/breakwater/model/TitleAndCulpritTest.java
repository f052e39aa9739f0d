package dev.breakwater.model;

import static dev.breakwater.model.Payloads.store;
import static dev.breakwater.model.Payloads.storeFile;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleAndCulpritTest {

    private static Grouping group(String json) throws Exception {
        return Fingerprinter.group(store(json));
    }

    @Test
    void errorTitleIsTypeAndFirstLineOfValue() throws Exception {
        assertThat(group("{\"exception\":[{\"type\":\"ValueError\",\"value\":\"bad input\\nmore detail\"}]}").title())
                .isEqualTo("ValueError: bad input");
        assertThat(group("{\"exception\":[{\"type\":\"ValueError\",\"value\":\"\"}]}").title()).isEqualTo("ValueError");
        assertThat(group("{\"exception\":[{\"value\":\"only a value\"}]}").title()).isEqualTo("only a value");
        assertThat(group("{\"exception\":[{\"type\":\"E\",\"value\":\"" + "x".repeat(500) + "\"}]}").title())
                .hasSize(Title.MAX_LENGTH + 3).endsWith("...");
    }

    @Test
    void messageTitleIsTheFirstLine() throws Exception {
        assertThat(group("{\"message\":\"\\n  Disk full\\nsecond\"}").title()).isEqualTo("Disk full");
        assertThat(group("{\"message\":\"   \"}").title()).isEqualTo("<unlabeled event>");
    }

    @Test
    void errorCulpritIsTheMostRecentInAppFrameOfTheOutermostException() throws Exception {
        CanonicalEvent event = store("""
                {"exception":[
                  {"type":"Cause","stacktrace":{"frames":[{"module":"lib.Db","function":"query","in_app":true}]}},
                  {"type":"Outer","stacktrace":{"frames":[
                    {"module":"app.Web","function":"handle","in_app":true},
                    {"module":"app.Orders","function":"load","in_app":true},
                    {"module":"lib.Json","function":"parse","in_app":false}]}}]}""");
        assertThat(Fingerprinter.group(event).culprit()).isEqualTo("app.Orders in load");
    }

    @Test
    void culpritFallsBackToTheMostRecentFrame() throws Exception {
        assertThat(group("""
                {"exception":[{"type":"E","stacktrace":{"frames":[
                  {"module":"lib.A","function":"a"},{"filename":"lib/b.py","function":"b"}]}}]}""").culprit())
                .isEqualTo("lib/b.py in b");
    }

    @Test
    void culpritPerPlatform() throws Exception {
        assertThat(Fingerprinter.group(storeFile("sentry-python-event.json")).culprit())
                .isEqualTo("billing.views in checkout");
        assertThat(Fingerprinter.group(storeFile("javascript-event.json")).culprit())
                .isEqualTo("renderTotals(https://shop.example.com/static/js/main.3f2a1b.js)");
        assertThat(group("{\"platform\":\"cocoa\",\"exception\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":["
                + "{\"function\":\"-[ViewController crash]\",\"in_app\":true}]}}]}").culprit())
                .isEqualTo("-[ViewController crash]");
    }

    @Test
    void transactionWinsAndMessageEventsFallBackToLoggerThenUrl() throws Exception {
        assertThat(group("{\"transaction\":\"/checkout\",\"exception\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":["
                + "{\"module\":\"a\",\"function\":\"f\"}]}}]}").culprit()).isEqualTo("/checkout");
        assertThat(group("{\"message\":\"m\",\"logger\":\"ops.disk\"}").culprit()).isEqualTo("ops.disk");
        assertThat(group("{\"message\":\"m\",\"request\":{\"url\":\"https://x.example.com/a\"}}").culprit())
                .isEqualTo("https://x.example.com/a");
    }

    @Test
    void rollbarTitleOverrides() throws Exception {
        CanonicalEvent event = Payloads.decode("rollbar-item", """
                {"data":{"title":"Checkout broken","body":{"trace":{"frames":[],
                  "exception":{"class":"E","message":"m"}}}}}""").getFirst();
        assertThat(Fingerprinter.group(event).title()).isEqualTo("Checkout broken");
        assertThat(Fingerprinter.group(event).type()).isEqualTo("error");
    }
}
