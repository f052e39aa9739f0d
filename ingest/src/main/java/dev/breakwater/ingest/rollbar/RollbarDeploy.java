package dev.breakwater.ingest.rollbar;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code POST /api/1/deploy} notification (PROTOCOLS C.2), sent as JSON or as form fields. Aliases:
 * {@code head_long} for {@code revision}, {@code rollbar_name} (in Rollbar's current curl example) for
 * {@code rollbar_username}; the canonical name wins when both are sent. Values may be JSON strings or
 * numbers (a numeric revision is common); other fields are ignored.
 *
 * <p>Missing or over-long fields are {@link DiscardReason#INVALID_PAYLOAD} (422) naming the field;
 * a body that is not JSON is {@link DiscardReason#INVALID_JSON} (400).
 *
 * @param accessToken {@code access_token}, when not sent as {@code X-Rollbar-Access-Token}
 * @param environment {@code environment}, required, at most 255 characters
 * @param revision {@code revision} (or {@code head_long}), required, at most 255 characters
 * @param rollbarUsername {@code rollbar_username} (or {@code rollbar_name}), at most 255 characters
 * @param localUsername {@code local_username}, at most 255 characters
 * @param comment {@code comment}, at most 65,536 characters
 * @param status {@code status}, e.g. {@code succeeded}; not checked against a list, which is unconfirmed
 */
public record RollbarDeploy(
        Optional<String> accessToken,
        String environment,
        String revision,
        Optional<String> rollbarUsername,
        Optional<String> localUsername,
        Optional<String> comment,
        Optional<String> status) {
    private static final int MAX_NAME = 255;
    private static final int MAX_COMMENT = 64 * 1024;
    private static final Set<String> FIELDS = Set.of(
            "access_token",
            "environment",
            "revision",
            "head_long",
            "rollbar_username",
            "rollbar_name",
            "local_username",
            "comment",
            "status");

    public RollbarDeploy {
        requireNonNull(accessToken, "accessToken is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(revision, "revision is null");
        requireNonNull(rollbarUsername, "rollbarUsername is null");
        requireNonNull(localUsername, "localUsername is null");
        requireNonNull(comment, "comment is null");
        requireNonNull(status, "status is null");
    }

    /**
     * Reads a deploy from a decoded request body: form fields when {@code contentType} is
     * {@code application/x-www-form-urlencoded}, else JSON.
     *
     * @param contentType the {@code Content-Type} header, or null
     */
    public static RollbarDeploy parse(byte[] body, int offset, int length, String contentType) throws IngestException {
        Objects.checkFromIndexSize(offset, length, body.length);
        Map<String, String> fields = FormBody.isFormEncoded(contentType, "the deploy endpoint")
                ? FormBody.fields(body, offset, length)
                : jsonFields(body, offset, length);
        Optional<String> rollbarUsername = optional(fields, "rollbar_username", MAX_NAME);
        if (rollbarUsername.isEmpty()) {
            rollbarUsername = optional(fields, "rollbar_name", MAX_NAME);
        }
        return new RollbarDeploy(
                optional(fields, "access_token", MAX_NAME),
                required(fields, "environment", null),
                required(fields, "revision", "head_long"),
                rollbarUsername,
                optional(fields, "local_username", MAX_NAME),
                optional(fields, "comment", MAX_COMMENT),
                optional(fields, "status", MAX_NAME));
    }

    private static Map<String, String> jsonFields(byte[] body, int offset, int length) throws IngestException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = Json.parser(body, offset, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IngestException(DiscardReason.INVALID_JSON, "deploy body is empty; it must be a JSON object");
            }
            if (token != JsonToken.START_OBJECT) {
                throw payload("deploy body must be a JSON object, not " + Json.describe(token));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!FIELDS.contains(name)) {
                    parser.skipChildren();
                    continue;
                }
                if (fields.containsKey(name)) {
                    throw payload("deploy has the key " + name + " twice");
                }
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.put(name, parser.getText());
                    case VALUE_NULL -> fields.put(name, null);
                    default -> throw payload(name + " must be a string, not " + Json.describe(value));
                }
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new IngestException(
                        DiscardReason.INVALID_JSON,
                        "deploy body has " + Json.describe(after) + " after its JSON object, "
                                + Json.position(parser.currentTokenLocation()));
            }
        } catch (IOException e) {
            throw new IngestException(
                    DiscardReason.INVALID_JSON, "deploy body is not valid JSON " + Json.syntaxError(e));
        }
        return fields;
    }

    /** A required field: non-blank, at most 255 characters; {@code alias} is read when the field is absent. */
    private static String required(Map<String, String> fields, String name, String alias) throws IngestException {
        Optional<String> value = optional(fields, name, MAX_NAME);
        if (value.isEmpty() && alias != null) {
            value = optional(fields, alias, MAX_NAME);
        }
        return value.orElseThrow(
                () -> payload(name + " is required" + (alias == null ? "" : " (as " + name + " or " + alias + ")")));
    }

    /** A field's value; empty when absent, null or blank. */
    private static Optional<String> optional(Map<String, String> fields, String name, int maxLength)
            throws IngestException {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw payload(name + " is " + value.length() + " characters long, more than " + maxLength);
        }
        return Optional.of(value);
    }

    private static IngestException payload(String message) {
        return new IngestException(DiscardReason.INVALID_PAYLOAD, message);
    }
}
