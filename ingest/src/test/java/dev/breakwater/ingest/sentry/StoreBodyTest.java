package dev.breakwater.ingest.sentry;

import static dev.breakwater.ingest.sentry.EnvelopeParserTest.assertRefused;
import static dev.breakwater.ingest.sentry.EnvelopeParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.BodyLimits;
import dev.breakwater.ingest.encoding.ByteBudget;
import dev.breakwater.ingest.encoding.DecodedBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class StoreBodyTest {
    @Test
    void findsTheTopLevelEventIdAndSkipsEverythingElse() throws Exception {
        String event = "{\"exception\":{\"values\":[{\"type\":\"E\",\"value\":\"event_id\",\"event_id\":\"nested\"}]},"
            + "\"extra\":{\"event_id\":[1,2,{\"event_id\":3}]},\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\","
            + "\"timestamp\":1.5e9,\"tags\":[[\"a\",\"b\"]],\"fingerprint\":null}";
        assertThat(scan(event)).contains("9ec79c33ec9942ab8353589fcb2e04dc");
    }

    @Test
    void eventIdIsOptional() throws Exception {
        assertThat(scan("{\"message\":\"hi\"}")).isEmpty();
        assertThat(scan(" {\"event_id\":null}\n")).isEmpty();
        assertThat(scan("{}")).isEmpty();
    }

    @Test
    void bodyMustBeOneJsonObject() {
        assertRefused(() -> scan(""), DiscardReason.INVALID_JSON, "store body is empty");
        assertRefused(() -> scan("  \n"), DiscardReason.INVALID_JSON, "store body is empty");
        assertRefused(
                () -> scan("[{}]"), DiscardReason.INVALID_PAYLOAD, "store body must be a JSON object, not an array");
        assertRefused(
                () -> scan("\"event\""),
                DiscardReason.INVALID_PAYLOAD,
                "store body must be a JSON object, not a string");
        assertRefused(
                () -> scan("{\"message\":\"hi\""),
                DiscardReason.INVALID_JSON,
                "store body is not valid JSON at column 16");
        assertRefused(
                () -> scan("{\n  \"message\": hi\n}"),
                DiscardReason.INVALID_JSON,
                "store body is not valid JSON at line 2, column 14: Unrecognized token 'hi'");
        assertRefused(
                () -> scan("{} {}"),
                DiscardReason.INVALID_JSON,
                "store body has an object after its JSON object, at column 4");
        assertRefused(
                () -> scan("{\"extra\":{\"a\":[1,2}}"), DiscardReason.INVALID_JSON, "store body is not valid JSON");
    }

    @Test
    void eventIdMustBeAUuidStringGivenOnce() {
        assertRefused(
                () -> scan("{\"event_id\":\"abc\"}"),
                DiscardReason.INVALID_PAYLOAD,
                "event_id 'abc' is not a UUID (32 hex digits, or 36 with dashes)");
        assertRefused(
                () -> scan("{\"event_id\":12}"),
                DiscardReason.INVALID_PAYLOAD,
                "event_id must be a string, not a number");
        assertRefused(
                () -> scan(
                        "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dd\"}"),
                DiscardReason.INVALID_PAYLOAD,
                "store body has the key event_id twice");
    }

    @Test
    void base64IsToldApartFromJsonByTheFirstByte() {
        assertThat(isBase64("eJyrVkrNS8ypVLJSUEouSk0sSU1RKMnILFYoyUgtSlVSqAUAqeQKVQ=="))
                .isTrue();
        assertThat(isBase64("\r\n  eJyrVk")).isTrue();
        assertThat(isBase64(" {\"a\":1}")).isFalse();
        assertThat(isBase64("[1]")).isFalse();
        assertThat(isBase64("")).isFalse();
    }

    @Test
    void legacyBase64ZlibBodyScansAfterInflating() throws Exception {
        String event = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"message\":\"from raven\"}";
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(bytes(event));
        }
        byte[] wire = Base64.getEncoder().encode(zlib.toByteArray());
        BodyDecoder decoder = new BodyDecoder(new BodyLimits(200 * 1024, 1 << 20), ByteBudget.UNLIMITED);
        try (DecodedBody body = decoder.read(null, wire.length, new ByteArrayInputStream(wire))) {
            assertThat(StoreBody.isBase64(body.decoded(), 0, body.decodedLength()))
                    .isTrue();
            try (DecodedBody inflated = decoder.inflateBase64(body)) {
                assertThat(StoreBody.scanEventId(inflated.decoded(), 0, inflated.decodedLength()))
                        .contains("9ec79c33ec9942ab8353589fcb2e04dc");
            }
        }
    }

    private static Optional<String> scan(String body) throws IngestException {
        byte[] bytes = bytes("##" + body + "##");
        return StoreBody.scanEventId(bytes, 2, bytes.length - 4);
    }

    private static boolean isBase64(String body) {
        return StoreBody.isBase64(bytes(body), 0, bytes(body).length);
    }
}
