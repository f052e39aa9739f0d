package dev.breakwater.ingest.rollbar;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code POST /api/1/item/} body (PROTOCOLS C.1), {@code {"access_token"?: "...", "data": {...}}},
 * with what ingest needs from it: the token (when it travels in the body rather than in
 * {@code X-Rollbar-Access-Token}), {@code data.uuid} (Rollbar's idempotency key) and
 * {@code data.environment}. The rest is only syntax-checked by a streaming scan that skips it.
 *
 * <p>Rollbar's status codes apply: a body that is not JSON is {@link DiscardReason#INVALID_JSON} (400);
 * valid JSON without {@code data}, {@code data.environment} (a non-empty string of at most 255
 * characters) or {@code data.body} (an object) is {@link DiscardReason#INVALID_PAYLOAD} (422).
 *
 * @param json the array holding the item's JSON; for form bodies a decoded copy of {@code payload}
 * @param offset where the JSON starts in {@code json}
 * @param length the JSON's length
 * @param accessToken top-level {@code access_token}
 * @param uuid {@code data.uuid}, at most 36 characters
 * @param environment {@code data.environment}
 */
public record RollbarItem(
        byte[] json, int offset, int length, Optional<String> accessToken, Optional<String> uuid, String environment) {
    private static final int MAX_ENVIRONMENT = 255;
    private static final int MAX_UUID = 36;

    public RollbarItem {
        requireNonNull(json, "json is null");
        Objects.checkFromIndexSize(offset, length, json.length);
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(environment, "environment is null");
    }

    /**
     * Reads an item from a decoded request body: JSON, or a form with the JSON in its {@code payload}
     * field when {@code contentType} is {@code application/x-www-form-urlencoded}. A JSON body is not
     * copied.
     *
     * @param contentType the {@code Content-Type} header, or null
     */
    public static RollbarItem parse(byte[] body, int offset, int length, String contentType) throws IngestException {
        Objects.checkFromIndexSize(offset, length, body.length);
        if (FormBody.isFormEncoded(contentType, "the item endpoint")) {
            FormBody.Bytes payload = FormBody.field(body, offset, length, "payload");
            if (payload == null) {
                throw new IngestException(
                        DiscardReason.INVALID_JSON, "form body has no payload field holding the item's JSON");
            }
            return scan(payload.bytes(), 0, payload.length());
        }
        return scan(body, offset, length);
    }

    private static RollbarItem scan(byte[] json, int offset, int length) throws IngestException {
        String accessToken = null;
        Data data = null;
        boolean tokenSeen = false;
        try (JsonParser parser = Json.parser(json, offset, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IngestException(DiscardReason.INVALID_JSON, "item body is empty; it must be a JSON object");
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IngestException(
                        DiscardReason.INVALID_PAYLOAD, "item body must be a JSON object, not " + Json.describe(token));
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "access_token" -> {
                        if (tokenSeen) {
                            throw payload("item has the key access_token twice");
                        }
                        tokenSeen = true;
                        accessToken = string(parser, value, "access_token");
                    }
                    case "data" -> {
                        if (data != null) {
                            throw payload("item has the key data twice");
                        }
                        if (value != JsonToken.START_OBJECT) {
                            throw payload("data must be an object, not " + Json.describe(value));
                        }
                        data = scanData(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new IngestException(
                        DiscardReason.INVALID_JSON,
                        "item body has " + Json.describe(after) + " after its JSON object, "
                                + Json.position(parser.currentTokenLocation()));
            }
        } catch (IOException e) {
            throw new IngestException(DiscardReason.INVALID_JSON, "item body is not valid JSON " + Json.syntaxError(e));
        }
        if (data == null) {
            throw payload("data is required");
        }
        if (data.environment == null) {
            throw payload("data.environment is required");
        }
        if (!data.hasBody) {
            throw payload("data.body is required");
        }
        return new RollbarItem(
                json,
                offset,
                length,
                Optional.ofNullable(accessToken),
                Optional.ofNullable(data.uuid),
                data.environment);
    }

    /** Reads the {@code data} object, the parser standing on its start; leaves it on its end. */
    private static Data scanData(JsonParser parser) throws IOException, IngestException {
        Data data = new Data();
        boolean uuidSeen = false;
        boolean environmentSeen = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "uuid" -> {
                    if (uuidSeen) {
                        throw payload("data has the key uuid twice");
                    }
                    uuidSeen = true;
                    data.uuid = string(parser, value, "data.uuid");
                    if (data.uuid != null && data.uuid.length() > MAX_UUID) {
                        throw payload("data.uuid is " + data.uuid.length() + " characters long, more than " + MAX_UUID);
                    }
                }
                case "environment" -> {
                    if (environmentSeen) {
                        throw payload("data has the key environment twice");
                    }
                    environmentSeen = true;
                    data.environment = string(parser, value, "data.environment");
                    if (data.environment != null && data.environment.isEmpty()) {
                        throw payload("data.environment is empty");
                    }
                    if (data.environment != null && data.environment.length() > MAX_ENVIRONMENT) {
                        throw payload("data.environment is " + data.environment.length()
                                + " characters long, more than " + MAX_ENVIRONMENT);
                    }
                }
                case "body" -> {
                    if (data.hasBody) {
                        throw payload("data has the key body twice");
                    }
                    if (value != JsonToken.START_OBJECT) {
                        throw payload("data.body must be an object, not " + Json.describe(value));
                    }
                    data.hasBody = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        return data;
    }

    /** A string value, or null for JSON null. */
    private static String string(JsonParser parser, JsonToken value, String field) throws IOException, IngestException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw payload(field + " must be a string, not " + Json.describe(value));
        }
        return parser.getText();
    }

    private static IngestException payload(String message) {
        return new IngestException(DiscardReason.INVALID_PAYLOAD, message);
    }

    private static final class Data {
        String uuid;
        String environment;
        boolean hasBody;
    }
}
