package dev.breakwater.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Sentry event's message in whichever of its forms arrived: {@code logentry} ({@code {formatted, message,
 * params}}), the older {@code message} object of the same shape, or a plain {@code message} string.
 *
 * <p>The displayed text is {@code formatted}, else the template with its params applied, else the plain string.
 * The template is kept apart because it groups better than the text with values in it. Params are applied in the
 * styles SDKs send: SLF4J {@code {}}, {@code printf}/Python {@code %s}, Python {@code %(name)s} with a params
 * object, and {@code {0}} as in {@code MessageFormat}. Both strings are cut at 8192 characters, Sentry's limit.
 *
 * @param text     the message to display, {@code ""} when none
 * @param template {@code logentry.message} when sent, else null
 */
record LogEntry(String text, String template) {
    static final int MAX_LENGTH = 8192;

    static LogEntry read(ObjectNode event, Where where) throws DecodeException {
        ObjectNode entry = Json.object(event, "logentry", where);
        Where entryWhere = where.field("logentry");
        String plain = null;
        JsonNode message = event.get("message");
        if (message != null && !message.isNull()) {
            if (message instanceof ObjectNode object) {
                if (entry == null) {
                    entry = object;
                    entryWhere = where.field("message");
                }
            } else {
                plain = Json.text(event, "message", where);
            }
        }
        if (entry == null) {
            return new LogEntry(plain == null ? "" : cut(plain), null);
        }
        String template = Json.text(entry, "message", entryWhere);
        String formatted = Json.text(entry, "formatted", entryWhere);
        JsonNode params = Json.value(entry, "params");
        if (params != null && !params.isArray() && !params.isObject()) {
            throw Json.shape(entryWhere.describe("params"), "a list or an object", params);
        }
        String text;
        if (formatted != null && !formatted.isBlank()) {
            text = formatted;
        } else if (template != null) {
            text = apply(template, params);
        } else {
            text = plain == null ? "" : plain;
        }
        return new LogEntry(cut(text), template == null ? null : cut(template));
    }

    /** {@code template} with {@code params} (a list or an object, possibly null) filled in. */
    static String apply(String template, JsonNode params) {
        if (params == null || params.isEmpty()) {
            return template;
        }
        if (params instanceof ObjectNode named) {
            return applyNamed(template, named);
        }
        ArrayNode list = (ArrayNode) params;
        if (template.contains("{}")) {
            return applySequential(template, list, "{}");
        }
        if (template.indexOf('%') >= 0) {
            return applyPrintf(template, list);
        }
        return applyIndexed(template, list);
    }

    private static String applySequential(String template, ArrayNode params, String marker) {
        StringBuilder out = new StringBuilder(template.length() + 16 * params.size());
        int from = 0;
        int next = 0;
        int at;
        while (next < params.size() && (at = template.indexOf(marker, from)) >= 0) {
            out.append(template, from, at).append(display(params.get(next++)));
            from = at + marker.length();
        }
        return out.append(template, from, template.length()).toString();
    }

    /** {@code %s}, {@code %d}, {@code %r}, … take the next param; {@code %%} is a percent sign. */
    private static String applyPrintf(String template, ArrayNode params) {
        StringBuilder out = new StringBuilder(template.length() + 16 * params.size());
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char spec = template.charAt(i + 1);
                if (spec == '%') {
                    out.append('%');
                    i++;
                    continue;
                }
                if ("sdirfgexXoc".indexOf(spec) >= 0 && next < params.size()) {
                    out.append(display(params.get(next++)));
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code {0}}, {@code {1}}, … as in {@code java.text.MessageFormat}, without its quoting rules. */
    private static String applyIndexed(String template, ArrayNode params) {
        StringBuilder out = new StringBuilder(template.length() + 16 * params.size());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close > i + 1 && close - i <= 4) {
                    String digits = template.substring(i + 1, close);
                    if (digits.chars().allMatch(Character::isDigit)) {
                        int index = Integer.parseInt(digits);
                        if (index < params.size()) {
                            out.append(display(params.get(index)));
                            i = close;
                            continue;
                        }
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Python's {@code %(name)s} and {@code {name}} with a params object. */
    private static String applyNamed(String template, ObjectNode params) {
        StringBuilder out = new StringBuilder(template.length() + 16 * params.size());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append('%');
                i++;
                continue;
            }
            if (c == '%' && i + 1 < template.length() && template.charAt(i + 1) == '(') {
                int close = template.indexOf(')', i);
                if (close > 0 && close + 1 < template.length()) {
                    JsonNode value = params.get(template.substring(i + 2, close));
                    if (value != null) {
                        out.append(display(value));
                        i = close + 1; // skip the conversion character after ')'
                        continue;
                    }
                }
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close > i + 1) {
                    JsonNode value = params.get(template.substring(i + 1, close));
                    if (value != null) {
                        out.append(display(value));
                        i = close;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String display(JsonNode value) {
        String text = Json.scalarText(value);
        return text != null ? text : value.isNull() ? "null" : value.toString();
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : Json.clip(text, MAX_LENGTH);
    }
}
