package dev.breakwater.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON error shape of API.md, {@code {"error": {"code", "message", "retryAfterSeconds"?}}}, optionally with
 * the fields a peer's SDK reads ({@code detail} for Sentry, {@code err}/{@code message} for Rollbar).
 */
public final class ErrorBody {
    private static final JsonFactory JSON = new JsonFactory();

    /** Which peer's fields to add beside ours. */
    public enum Dialect {
        PLAIN,
        SENTRY,
        ROLLBAR
    }

    private ErrorBody() {}

    public static byte[] of(Dialect dialect, String code, String message, long retryAfterSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + message.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            switch (dialect) {
                case SENTRY -> json.writeStringField("detail", message);
                case ROLLBAR -> {
                    json.writeNumberField("err", 1);
                    json.writeStringField("message", message);
                }
                case PLAIN -> {}
            }
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            if (retryAfterSeconds > 0) {
                json.writeNumberField("retryAfterSeconds", retryAfterSeconds);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
