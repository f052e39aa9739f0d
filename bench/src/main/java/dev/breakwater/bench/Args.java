package dev.breakwater.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} (or {@code --name=value}) options checked against the set a program declares.
 * Every mistake — an unknown option, a missing value, a value of the wrong shape — is a {@link UsageException}
 * that names the option, so a benchmark script fails at its first line rather than after minutes of load.
 */
final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    static Args parse(String[] argv, Set<String> known) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "': options look like --name value");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= argv.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = argv[++i];
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " (known: " + String.join(", ", known.stream()
                        .sorted().map(k -> "--" + k).toList()) + ")");
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return new Args(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    Path path(String name, Path fallback) {
        String value = values.get(name);
        return value == null ? fallback : Path.of(value);
    }

    int positiveInt(String name, int fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed = parseInt(name, value);
        if (parsed < 1) {
            throw new UsageException("--" + name + " must be at least 1, was " + value);
        }
        return parsed;
    }

    long longValue(String name, long fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    /** A non-negative rate per second; 0 is allowed and means "no rate" to the callers that accept it. */
    double rate(String name, double fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.endsWith("/s") ? value.substring(0, value.length() - 2) : value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number per second, e.g. 5000 or 5000/s, was '" + value + "'");
        }
        if (!(parsed >= 0) || Double.isInfinite(parsed)) {
            throw new UsageException("--" + name + " must be a finite number >= 0, was " + value);
        }
        return parsed;
    }

    /** Bytes, with an optional k/m/g suffix (powers of 1024). */
    long size(String name, long fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long parsed = Math.multiplyExact(Long.parseLong(v), unit);
            if (parsed < 1) {
                throw new UsageException("--" + name + " must be at least 1 byte, was " + value);
            }
            return parsed;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("--" + name + " must be a size like 2048, 2k or 64m, was '" + value + "'");
        }
    }

    /** A duration like {@code 30s}, {@code 500ms}, {@code 2m}; a bare number is seconds. */
    Duration duration(String name, Duration fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration parsed;
            if (v.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                parsed = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                parsed = Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            } else {
                parsed = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (parsed.isNegative()) {
                throw new UsageException("--" + name + " must not be negative, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a duration like 30s, 500ms or 2m, was '" + value + "'");
        }
    }

    /** A comma-separated list of positive integers, e.g. {@code 1,4,16}. */
    List<Integer> intList(String name, List<Integer> fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            int parsed = parseInt(name, part.trim());
            if (parsed < 1) {
                throw new UsageException("--" + name + " values must be at least 1, was " + part);
            }
            list.add(parsed);
        }
        return List.copyOf(list);
    }

    private static int parseInt(String name, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }
}
