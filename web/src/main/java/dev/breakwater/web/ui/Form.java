package dev.breakwater.web.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body; a name may repeat (checkboxes). */
public final class Form {
    /** Forms here are a few fields; anything larger is not one of ours. */
    public static final int MAX_BYTES = 64 * 1024;

    private final Map<String, List<String>> fields;

    private Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static Form empty() {
        return new Form(Map.of());
    }

    public static Form parse(String body) throws UiException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return new Form(fields);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw UiException.badRequest("the form is not URL-encoded correctly: " + e.getMessage());
            }
        }
        return new Form(fields);
    }

    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The field's value, stripped; a 400 naming the field when it is missing or blank. */
    public String required(String name) throws UiException {
        String value = first(name).map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw UiException.badRequest("the form field '" + name + "' is required");
        }
        return value;
    }

    public List<String> all(String name) {
        return List.copyOf(fields.getOrDefault(name, List.of()));
    }
}
