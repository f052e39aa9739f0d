package dev.breakwater.ingest.sentry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;

/**
 * The streaming JSON parser setup shared by the Sentry scanners, and the wording of their errors.
 *
 * <p>Requests run on virtual threads, which would each get a fresh thread-local buffer, so parsers
 * recycle their buffers through a shared pool instead. Thread-safe.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    private Json() {}

    static JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        return FACTORY.createParser(bytes, offset, length);
    }

    /** Jackson's complaint and where, relative to the parsed slice, e.g. "at column 9: Unrecognized token 'x'...". */
    static String syntaxError(IOException e) {
        if (!(e instanceof JsonProcessingException json)) {
            return e.getMessage();
        }
        String message = json.getOriginalMessage();
        int noise = message.indexOf(" (start marker at");
        if (noise >= 0) {
            message = message.substring(0, noise);
        }
        message = message.replaceAll("\\s+", " ");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return json.getLocation() == null ? message : position(json.getLocation()) + ": " + message;
    }

    /** "at column 9", or "at line 3, column 9" for multi-line input. */
    static String position(JsonLocation location) {
        return location.getLineNr() > 1
                ? "at line " + location.getLineNr() + ", column " + location.getColumnNr()
                : "at column " + location.getColumnNr();
    }

    /** A JSON value's kind as a sentence fragment: "a string", "an array", "null"... */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A string from the wire as it may appear in a message: at most 64 characters, control characters replaced. */
    static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
