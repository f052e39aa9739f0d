package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed shape is refused with a DecodeException whose message says what and where. */
class DecodeErrorsTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("sentry-store", "", "sentry-store: event is empty"),
                Arguments.of("sentry-store", "not json", "sentry-store: event is not valid JSON"),
                Arguments.of("sentry-store", "{\"a\":1} trailing", "sentry-store: event is not valid JSON"),
                Arguments.of("sentry-store", "[{}]", "sentry-store: event must be a JSON object, was a list"),
                Arguments.of("sentry-store", "\"text\"", "sentry-store: event must be a JSON object, was the string"),
                Arguments.of("sentry-store", "null", "sentry-store: event must be a JSON object, was null"),
                Arguments.of("sentry-store", "{\"event_id\":\"xyz\"}",
                        "sentry-store: event_id is not 32 hex digits: 'xyz'"),
                Arguments.of("sentry-store", "{\"event_id\":\"0123456789abcdef0123456789abcdeg\"}",
                        "sentry-store: event_id is not 32 hex digits"),
                Arguments.of("sentry-store", "{\"event_id\":12}", "sentry-store: event_id must be a string"),
                Arguments.of("sentry-store", "{\"timestamp\":\"yesterday\"}",
                        "sentry-store: timestamp must be an RFC 3339 timestamp or epoch seconds, was the string "
                                + "'yesterday'"),
                Arguments.of("sentry-store", "{\"timestamp\":\"2025-13-40T99:00:00Z\"}",
                        "sentry-store: timestamp must be an RFC 3339"),
                Arguments.of("sentry-store", "{\"timestamp\":-5}", "sentry-store: timestamp must be"),
                Arguments.of("sentry-store", "{\"timestamp\":1e300}", "sentry-store: timestamp must be"),
                Arguments.of("sentry-store", "{\"timestamp\":{}}", "sentry-store: timestamp must be"),
                Arguments.of("sentry-store", "{\"exception\":{\"values\":{}}}",
                        "sentry-store: exception.values must be a list, was an object"),
                Arguments.of("sentry-store", "{\"exception\":\"boom\"}",
                        "sentry-store: exception must be a list or an object with \"values\""),
                Arguments.of("sentry-store", "{\"exception\":[\"boom\"]}",
                        "sentry-store: exception[0] must be an object, was the string 'boom'"),
                Arguments.of("sentry-store", "{\"exception\":{\"values\":[{\"type\":\"E\",\"stacktrace\":[]}]}}",
                        "sentry-store: exception.values[0].stacktrace must be an object, was a list"),
                Arguments.of("sentry-store",
                        "{\"exception\":{\"values\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":{}}}]}}",
                        "sentry-store: exception.values[0].stacktrace.frames must be a list, was an object"),
                Arguments.of("sentry-store",
                        "{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":[{\"lineno\":\"ten\"}]}}]}}",
                        "sentry-store: exception.values[0].stacktrace.frames[0].lineno must be an integer, was the "
                                + "string 'ten'"),
                Arguments.of("sentry-store",
                        "{\"exception\":[{\"stacktrace\":{\"frames\":[{\"in_app\":\"yes\"}]}}]}",
                        "sentry-store: exception[0].stacktrace.frames[0].in_app must be true or false"),
                Arguments.of("sentry-store", "{\"exception\":[{\"type\":{\"a\":1}}]}",
                        "sentry-store: exception[0].type must be a string, was an object"),
                Arguments.of("sentry-store", "{\"tags\":\"a=b\"}",
                        "sentry-store: tags must be an object or a list of [key, value] pairs"),
                Arguments.of("sentry-store", "{\"tags\":[[\"a\"]]}", "sentry-store: tags[0] must be a [key, value] pair"),
                Arguments.of("sentry-store", "{\"tags\":{\"a\":{\"b\":1}}}", "sentry-store: tags.a must be a string"),
                Arguments.of("sentry-store", "{\"breadcrumbs\":{\"values\":7}}",
                        "sentry-store: breadcrumbs.values must be a list"),
                Arguments.of("sentry-store", "{\"breadcrumbs\":[{\"timestamp\":\"later\"}]}",
                        "sentry-store: breadcrumbs[0].timestamp must be an RFC 3339"),
                Arguments.of("sentry-store", "{\"logentry\":\"hi\"}", "sentry-store: logentry must be an object"),
                Arguments.of("sentry-store", "{\"logentry\":{\"message\":\"m\",\"params\":5}}",
                        "sentry-store: logentry.params must be a list or an object"),
                Arguments.of("sentry-store", "{\"message\":[\"hi\"]}", "sentry-store: message must be a string"),
                Arguments.of("sentry-store", "{\"level\":[]}", "sentry-store: level must be a string"),
                Arguments.of("sentry-store", "{\"user\":\"bob\"}", "sentry-store: user must be an object"),
                Arguments.of("sentry-store", "{\"user\":{\"data\":3}}", "sentry-store: user.data must be an object"),
                Arguments.of("sentry-store", "{\"request\":{\"headers\":5}}",
                        "sentry-store: request.headers must be an object or a list of [key, value] pairs"),
                Arguments.of("sentry-store", "{\"contexts\":[]}", "sentry-store: contexts must be an object"),
                Arguments.of("sentry-store", "{\"sdk\":\"sentry.java\"}", "sentry-store: sdk must be an object"),
                Arguments.of("sentry-store", "{\"fingerprint\":{}}", "sentry-store: fingerprint must be a list"),
                Arguments.of("sentry-store", "{\"fingerprint\":[[1]]}", "sentry-store: fingerprint[0] must be a string"),
                Arguments.of("sentry-store", "{\"threads\":{\"values\":[1]}}",
                        "sentry-store: threads.values[0] must be an object"),
                Arguments.of("sentry-store", "{\"stacktrace\":{\"frames\":[{\"pre_context\":[{}]}]}}",
                        "sentry-store: stacktrace.frames[0].pre_context[0] must be a string"),
                Arguments.of("sentry-envelope", "{}\n{\"type\":\"event\",\"length\":10}\n{}",
                        "sentry-envelope: item 1 (event) declares length 10 but only 2 bytes follow its header"),
                Arguments.of("sentry-envelope", "{}\n{\"type\":\"event\"}\n[]",
                        "sentry-envelope: item 1 (event) payload must be a JSON object, was a list"),
                Arguments.of("rollbar-item", "[]", "rollbar-item: item must be a JSON object, was a list"),
                Arguments.of("rollbar-item", "{\"data\":{\"body\":{\"trace\":\"x\"}}}",
                        "rollbar-item: data.body.trace must be an object, was the string 'x'"),
                Arguments.of("rollbar-item", "{\"data\":{\"level\":5,\"body\":{\"message\":{\"body\":\"x\"}}}}",
                        "rollbar-item: data.level must be a string, was the number 5"),
                Arguments.of("rollbar-item", "{\"data\":{\"body\":{\"message\":{\"body\":\"x\"},"
                                + "\"telemetry\":[{\"timestamp_ms\":\"now\"}]}}}",
                        "rollbar-item: data.body.telemetry[0].timestamp_ms must be epoch milliseconds"),
                Arguments.of("sentry-store", "{\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                        "sentry-store: event is not valid JSON"),
                Arguments.of("sentry-store", "{\"a\":\"\u0000\"}", "sentry-store: event is not valid JSON"),
                Arguments.of("otlp-logs", "{}", "otlp-logs: unknown source 'otlp-logs'"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void isRefusedWithAClearReason(String source, String body, String message) {
        assertThatThrownBy(() -> RecordDecoder.decode(source, body.getBytes(StandardCharsets.UTF_8), Payloads.CTX))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith(message);
    }
}
