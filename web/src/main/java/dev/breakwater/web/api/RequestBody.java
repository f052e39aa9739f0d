package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON object a PUT or POST carries, at most {@link #MAX_BYTES}, with its fields read as the API's 400s
 * describe. Lives for one request.
 */
final class RequestBody {
    /** Far more than any body of this API needs; a bigger one is a mistake or an attack, not worth buffering. */
    static final int MAX_BYTES = 64 * 1024;

    private final ObjectNode object;

    private RequestBody(ObjectNode object) {
        this.object = object;
    }

    /** @param example a valid body, quoted in the refusal so the client sees what was expected */
    static RequestBody read(ServerRequest req, String example) throws ApiException, IOException {
        String refusal = "the body must be a JSON object such as " + example;
        if (!req.content().hasEntity()) {
            throw ApiException.invalidJson(refusal);
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw ApiException.payloadTooLarge("the body must be at most " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return new RequestBody(object);
            }
        } catch (IOException e) {
            // refused below
        }
        throw ApiException.invalidJson(refusal);
    }

    /** A string field, stripped; empty when absent or JSON null. */
    Optional<String> text(String field) throws ApiException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalidPayload("'" + field + "' must be a string");
        }
        return Optional.of(value.asText().strip());
    }

    /** A whole-number field; empty when absent or JSON null. */
    Optional<Long> wholeNumber(String field) throws ApiException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalidPayload("'" + field + "' must be a whole number");
        }
        return Optional.of(value.longValue());
    }

    /** A true/false field; empty when absent or JSON null. */
    Optional<Boolean> flag(String field) throws ApiException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.invalidPayload("'" + field + "' must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** An array of whole numbers (ids); empty when absent or JSON null. */
    Optional<List<Long>> wholeNumbers(String field) throws ApiException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiException.invalidPayload("'" + field + "' must be an array of whole numbers");
        }
        List<Long> numbers = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                throw ApiException.invalidPayload("'" + field + "' must be an array of whole numbers");
            }
            numbers.add(item.longValue());
        }
        return Optional.of(numbers);
    }
}
