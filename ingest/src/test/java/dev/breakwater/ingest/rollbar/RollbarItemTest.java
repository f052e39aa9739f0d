package dev.breakwater.ingest.rollbar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.net.URLEncoder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RollbarItemTest {
    /** The shape rollbar-java 2.x sends, token in the body. */
    private static final String ITEM = """
        {"access_token":"b1d1b8ebf0b24e51a82ac4ea2ff6e8d5","data":{"environment":"production",\
        "body":{"trace":{"frames":[{"filename":"App.java","lineno":12,"method":"main","class_name":"App"}],\
        "exception":{"class":"java.lang.IllegalStateException","message":"boom"}}},\
        "level":"error","timestamp":1700000000,"code_version":"1.2.3","platform":"java","language":"java",\
        "custom":{"uuid":"not this one","environment":"nor this"},\
        "notifier":{"name":"rollbar-java","version":"2.3.0"},"uuid":"d4c7c1e8-3b0c-4a3f-9f0e-5a1b2c3d4e5f"}}\
        """;

    @Test
    void readsTokenUuidAndEnvironmentFromAJsonBodyWithoutCopying() throws Exception {
        byte[] body = ("  " + ITEM + "  ").getBytes(UTF_8);
        RollbarItem item = RollbarItem.parse(body, 0, body.length, "application/json; charset=utf-8");
        assertThat(item.accessToken()).contains("b1d1b8ebf0b24e51a82ac4ea2ff6e8d5");
        assertThat(item.uuid()).contains("d4c7c1e8-3b0c-4a3f-9f0e-5a1b2c3d4e5f");
        assertThat(item.environment()).isEqualTo("production");
        assertThat(item.json()).isSameAs(body);
        assertThat(item.offset()).isZero();
        assertThat(item.length()).isEqualTo(body.length);
    }

    @Test
    void tokenAndUuidAreOptional() throws Exception {
        RollbarItem item = parse(
                "{\"data\":{\"environment\":\"staging\",\"body\":{\"message\":{\"body\":\"hi\"}},\"uuid\":null}}",
                null);
        assertThat(item.accessToken()).isEmpty();
        assertThat(item.uuid()).isEmpty();
        assertThat(item.environment()).isEqualTo("staging");
    }

    @Test
    void readsTheJsonFromAFormPayloadField() throws Exception {
        String form = "other=1&payload=" + URLEncoder.encode(ITEM, UTF_8) + "&x=%20";
        RollbarItem item = parse(form, "application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(item.environment()).isEqualTo("production");
        assertThat(new String(item.json(), item.offset(), item.length(), UTF_8)).isEqualTo(ITEM);
        // The same body without the form content type is not JSON.
        assertRefused(
                () -> parse(form, "text/plain"), DiscardReason.INVALID_JSON, "item body is not valid JSON at column 1");
    }

    @Test
    void formWithoutPayloadOrWithBrokenEscapesIsNotJson() {
        assertRefused(
                () -> parse("access_token=abc", "application/x-www-form-urlencoded"),
                DiscardReason.INVALID_JSON,
                "form body has no payload field holding the item's JSON");
        assertRefused(
                () -> parse("payload=%7B%zz", "application/x-www-form-urlencoded"),
                DiscardReason.INVALID_JSON,
                "form body has a malformed percent escape '%zz'");
        assertRefused(
                () -> parse("payload=%7", "application/x-www-form-urlencoded"),
                DiscardReason.INVALID_JSON,
                "malformed percent escape '%7'");
        assertRefused(
                () -> parse("payload=1&payload=2", "application/x-www-form-urlencoded"),
                DiscardReason.INVALID_PAYLOAD,
                "form field payload appears twice");
        assertRefused(
                () -> parse(ITEM, "multipart/form-data; boundary=x"),
                DiscardReason.UNSUPPORTED_MEDIA_TYPE,
                "the item endpoint takes JSON or application/x-www-form-urlencoded, not multipart/form-data");
    }

    @Test
    void environmentAndBodyAreRequired() {
        assertRefused(
                () -> parse("{\"data\":{\"body\":{}}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.environment is required");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":null,\"body\":{}}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.environment is required");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"\",\"body\":{}}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.environment is empty");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"" + "e".repeat(256) + "\",\"body\":{}}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.environment is 256 characters long, more than 255");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"production\"}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.body is required");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"production\",\"body\":\"boom\"}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.body must be an object, not a string");
        assertRefused(
                () -> parse("{\"access_token\":\"abc\"}", null), DiscardReason.INVALID_PAYLOAD, "data is required");
        assertRefused(
                () -> parse("{\"data\":[]}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data must be an object, not an array");
    }

    @Test
    void fieldsIngestReadsAreTypedAndBounded() {
        assertRefused(
                () -> parse("{\"access_token\":42,\"data\":{}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "access_token must be a string, not a number");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"p\",\"body\":{},\"uuid\":\"" + "u".repeat(37) + "\"}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data.uuid is 37 characters long, more than 36");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"p\",\"environment\":\"q\",\"body\":{}}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "data has the key environment twice");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"p\",\"body\":{}},\"data\":{}}", null),
                DiscardReason.INVALID_PAYLOAD,
                "item has the key data twice");
    }

    @Test
    void invalidJsonIsABadRequest() {
        assertRefused(() -> parse("", null), DiscardReason.INVALID_JSON, "item body is empty");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"p\",\"body\":{}}", null),
                DiscardReason.INVALID_JSON,
                "item body is not valid JSON");
        assertRefused(
                () -> parse("{\"data\":{\"environment\":\"p\",\"body\":{\"trace\":[}}}", null),
                DiscardReason.INVALID_JSON,
                "item body is not valid JSON at column");
        assertRefused(() -> parse(ITEM + "x", null), DiscardReason.INVALID_JSON, "item body is not valid JSON");
        assertRefused(
                () -> parse(ITEM + "{}", null),
                DiscardReason.INVALID_JSON,
                "item body has an object after its JSON object");
        assertRefused(
                () -> parse("[" + ITEM + "]", null),
                DiscardReason.INVALID_PAYLOAD,
                "item body must be a JSON object, not an array");
    }

    private static RollbarItem parse(String body, String contentType) throws IngestException {
        byte[] bytes = body.getBytes(UTF_8);
        return RollbarItem.parse(bytes, 0, bytes.length, contentType);
    }

    static void assertRefused(ThrowingCallable call, DiscardReason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
