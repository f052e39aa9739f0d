package dev.breakwater.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a payload's JSON tree field by field, turning every shape the decoders do not expect into a
 * {@link DecodeException} that names the field's path and what was found there.
 *
 * <p>Absent and JSON-null fields read as Java {@code null}. Where text is expected, numbers and booleans are
 * accepted as their JSON text (SDKs disagree on whether a user id or a tag value is a number); objects and lists
 * are not. Thread-safe: the shared mapper is configured once and never changed.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // "{}garbage" is not a JSON object; Jackson would otherwise stop reading after the first value
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final int MAX_QUOTED = 40;

    private Json() {}

    /** Parses {@code bytes[offset, offset+length)} as one JSON object; {@code what} names it in errors. */
    static ObjectNode parseObject(byte[] bytes, int offset, int length, String what) throws DecodeException {
        if (length == 0) {
            throw new DecodeException(what + " is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw new DecodeException(what + " is not valid JSON: " + brief(e), e);
        } catch (IOException e) {
            throw new DecodeException(what + " could not be read: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new DecodeException(what + " is empty");
        }
        if (!node.isObject()) {
            throw new DecodeException(what + " must be a JSON object, was " + kind(node));
        }
        return (ObjectNode) node;
    }

    /**
     * The bytes of a JSON value already parsed, to be written back verbatim: writing the tree out again costs about as
     * much as parsing it did, and a document is written for every event.
     */
    static JsonNode verbatim(byte[] bytes, int offset, int length) {
        return new POJONode(new RawValue(new VerbatimJson(bytes, offset, length)));
    }

    /** The length in bytes of a value made by {@link #verbatim}; -1 for any other node. */
    static int verbatimLength(JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw
                && raw.rawValue() instanceof VerbatimJson verbatim) {
            return verbatim.byteLength();
        }
        return -1;
    }

    /** The field's value, or null when absent or JSON null. */
    static JsonNode value(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String text = scalarText(v);
        if (text == null) {
            throw shape(where.describe(field), "a string", v);
        }
        return text;
    }

    /** Like {@link #text}, but an empty or blank string also reads as null. */
    static String nonBlankText(JsonNode parent, String field, Where where) throws DecodeException {
        String text = text(parent, field, where);
        return text == null || text.isBlank() ? null : text;
    }

    /** The text of a string, number or boolean node; null for anything else. */
    static String scalarText(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        return null;
    }

    static Integer integer(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw shape(where.describe(field), "an integer", v);
    }

    static Boolean bool(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        throw shape(where.describe(field), "true or false", v);
    }

    static ObjectNode object(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v instanceof ObjectNode object) {
            return object;
        }
        throw shape(where.describe(field), "an object", v);
    }

    /** Decodes one object of a list, told where it is (for error messages). */
    @FunctionalInterface
    interface ElementDecoder<T> {
        T decode(ObjectNode element, Where where) throws DecodeException;
    }

    /**
     * Decodes every object of {@code list}, found at {@code at}, in order: nulls are skipped, anything but an object
     * is a shape error naming its index.
     */
    static <T> List<T> eachObject(ArrayNode list, Where at, ElementDecoder<T> decoder) throws DecodeException {
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (item.isNull()) {
                continue;
            }
            if (!(item instanceof ObjectNode element)) {
                throw shape(at.index(i).toString(), "an object", item);
            }
            out.add(decoder.decode(element, at.index(i)));
        }
        return out;
    }

    static ArrayNode array(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v instanceof ArrayNode array) {
            return array;
        }
        throw shape(where.describe(field), "a list", v);
    }

    /**
     * A Sentry "values" interface: either {@code {"values": [...]}} or a bare list. Null when absent; an object
     * without {@code values} is an empty list.
     */
    static ArrayNode values(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v instanceof ArrayNode array) {
            return array;
        }
        if (v instanceof ObjectNode object) {
            return array(object, "values", where.field(field));
        }
        throw shape(where.describe(field), "a list or an object with \"values\"", v);
    }

    /**
     * A string map sent as an object or as a list of {@code [key, value]} pairs (Sentry tags, headers). Null values
     * are dropped; a list value is joined with {@code ", "} (repeated headers); keys and values longer than
     * {@code maxLength} are cut.
     */
    static Map<String, String> pairs(JsonNode parent, String field, Where where, int maxLength)
            throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof ObjectNode object) {
            Where at = where.field(field);
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                String value = pairValue(entry.getValue(), at, entry.getKey());
                if (value != null) {
                    out.put(clip(entry.getKey(), maxLength), clip(value, maxLength));
                }
            }
            return out;
        }
        if (v instanceof ArrayNode array) {
            Where at = where.field(field);
            for (int i = 0; i < array.size(); i++) {
                JsonNode pair = array.get(i);
                if (pair.isNull()) {
                    continue;
                }
                if (!(pair instanceof ArrayNode p) || p.size() != 2) {
                    throw shape(at.index(i).toString(), "a [key, value] pair", pair);
                }
                String key = scalarText(p.get(0));
                if (key == null) {
                    throw shape(at.index(i) + "[0]", "a string key", p.get(0));
                }
                String value = pairValue(p.get(1), at.index(i), "[1]");
                if (value != null) {
                    out.put(clip(key, maxLength), clip(value, maxLength));
                }
            }
            return out;
        }
        throw shape(where.describe(field), "an object or a list of [key, value] pairs", v);
    }

    private static String pairValue(JsonNode v, Where where, String key) throws DecodeException {
        if (v.isNull()) {
            return null;
        }
        String text = scalarText(v);
        if (text != null) {
            return text;
        }
        if (v instanceof ArrayNode list) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : list) {
                String itemText = scalarText(item);
                if (itemText == null) {
                    throw shape(where.describe(key), "a string or a list of strings", v);
                }
                if (!joined.isEmpty()) {
                    joined.append(", ");
                }
                joined.append(itemText);
            }
            return joined.toString();
        }
        throw shape(where.describe(key), "a string", v);
    }

    /** An object's fields in payload order, JSON nulls dropped. */
    static Map<String, JsonNode> entries(ObjectNode object) {
        if (object == null || object.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isNull()) {
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    static DecodeException shape(String path, String expected, JsonNode actual) {
        return new DecodeException(path + " must be " + expected + ", was " + kind(actual));
    }

    /** A short description of a node for error messages: never the whole value. */
    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the string " + quote(v.textValue());
        }
        if (v.isNumber()) {
            return "the number " + clip(v.asText(), MAX_QUOTED);
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isNull()) {
            return "null";
        }
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** {@code 'text'}, cut to a readable length. */
    static String quote(String text) {
        return "'" + clip(text, MAX_QUOTED) + "'";
    }

    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private static String brief(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        message = message == null ? e.getClass().getSimpleName() : clip(message.lines().findFirst().orElse(""), 200);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }
}
