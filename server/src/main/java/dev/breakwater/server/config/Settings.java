package dev.breakwater.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw configuration text per key, layered: declared defaults, then the YAML file, then environment variables, then
 * command-line options. Unknown keys are rejected so a typo fails at start-up instead of being ignored.
 * Typed accessors parse sizes ({@code 64MiB}) and durations ({@code 30s}) and name the key when a value is bad.
 */
public final class Settings {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param yamlFile    optional YAML file (nested maps or dotted keys), may be null
     * @param environment usually {@code System.getenv()}
     * @param overrides   values given on the command line, win over everything
     */
    public static Settings load(Path yamlFile, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, ConfigKey> declared = ConfigKeys.byName();
        Map<String, String> values = new HashMap<>();
        for (ConfigKey key : declared.values()) {
            values.put(key.name(), key.defaultValue());
        }
        if (yamlFile != null) {
            Map<String, String> fromFile = readYaml(yamlFile);
            for (Map.Entry<String, String> entry : fromFile.entrySet()) {
                if (!declared.containsKey(entry.getKey())) {
                    throw new ConfigException("unknown configuration key '" + entry.getKey() + "' in " + yamlFile
                            + " (run `breakwater config` to list the keys)");
                }
                values.put(entry.getKey(), entry.getValue());
            }
        }
        for (ConfigKey key : declared.values()) {
            String fromEnv = environment.get(key.environmentVariable());
            if (fromEnv != null) {
                values.put(key.name(), fromEnv);
            }
        }
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            if (!declared.containsKey(entry.getKey())) {
                throw new ConfigException("unknown configuration key '" + entry.getKey() + "'");
            }
            values.put(entry.getKey(), entry.getValue());
        }
        return new Settings(values);
    }

    public static Settings defaults() {
        return load(null, Map.of(), Map.of());
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> flat = new HashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("configuration file " + file + " must hold a map of keys");
            }
            flatten("", root, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(name, field.getValue(), out);
            } else {
                out.put(name, field.getValue().isNull() ? "" : field.getValue().asText());
            }
        }
    }

    public String text(ConfigKey key) {
        return values.get(key.name()).trim();
    }

    public int port(ConfigKey key) {
        long port = number(key);
        if (port < 0 || port > 65535) {
            throw new ConfigException(key.name() + " must be a port between 0 and 65535, was " + port);
        }
        return (int) port;
    }

    public long number(ConfigKey key) {
        String text = text(key);
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new ConfigException(key.name() + " must not be negative, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key.name() + " must be a whole number, was '" + text + "'");
        }
    }

    /** Sizes in bytes: {@code 512}, {@code 64KiB}, {@code 10GiB} (KB/MB/GB are read as binary units too). */
    public long bytes(ConfigKey key) {
        String text = text(key);
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(key.name() + " must be a size such as 64MiB or 512KiB, was '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new ConfigException(key.name() + " is too large: '" + text + "'");
        }
        return amount << shift;
    }

    /** Durations: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}; a bare number is seconds. */
    public Duration duration(ConfigKey key) {
        String text = text(key);
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(key.name() + " must be a duration such as 30s, 250ms or 5m, was '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** For logs: every key with its value, secrets redacted. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (ConfigKey key : ConfigKeys.ALL) {
            String value = values.get(key.name());
            if (key.secret() && !value.isEmpty()) {
                value = "<redacted>";
            }
            out.append(key.name()).append(" = ").append(value).append('\n');
        }
        return out.toString();
    }
}
