package dev.breakwater.bench.netty;

import static java.util.Objects.requireNonNull;

import dev.breakwater.bench.UsageException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link NettyIngestProbe}'s command line, validated: every mistake is a {@link UsageException} naming the option.
 *
 * @param host        address to listen on; loopback unless told otherwise
 * @param port        0 picks a free port
 * @param mode        how much of the hot path to run
 * @param data        spool directory; required for {@link ProbeMode#FULL}, unused otherwise (may be null then)
 * @param publicKey   the one Sentry key accepted
 * @param projectId   the project that key belongs to
 * @param eventLoops  Netty event-loop threads; they also decode and parse
 * @param transport   {@code epoll}, {@code nio}, or {@code auto} (epoll where its native library loads)
 */
record ProbeOptions(
        String host, int port, ProbeMode mode, Path data, String publicKey, String projectId, int eventLoops,
        String transport) {

    static final String USAGE = """
            usage: NettyIngestProbe [--mode full|decode|hello] [--data DIR (full mode)] [--port 18082]
                                    [--host 127.0.0.1] [--key bench] [--project 1] [--threads <cores>]
                                    [--transport auto|epoll|nio]""";

    private static final Set<String> KNOWN = Set.of("host", "port", "mode", "data", "key", "project", "threads", "transport");

    ProbeOptions {
        requireNonNull(host, "host is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(transport, "transport is null");
        if (mode == ProbeMode.FULL) {
            requireNonNull(data, "data is null: full mode appends to a spool");
        }
    }

    static ProbeOptions parse(String[] argv) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq > 0 ? eq : arg.length()) : "";
            if (!KNOWN.contains(name)) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        ProbeMode mode;
        try {
            mode = ProbeMode.parse(values.getOrDefault("mode", "full"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        String data = values.get("data");
        if (mode == ProbeMode.FULL && (data == null || data.isBlank())) {
            throw new UsageException("--data is required in full mode: it is the spool directory");
        }
        String transport = values.getOrDefault("transport", "auto").toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "epoll", "nio").contains(transport)) {
            throw new UsageException("--transport must be auto, epoll or nio, was '" + transport + "'");
        }
        return new ProbeOptions(
                values.getOrDefault("host", "127.0.0.1"),
                integer(values, "port", 18082, 0, 65535),
                mode,
                data == null ? null : Path.of(data),
                nonBlank(values, "key", "bench"),
                nonBlank(values, "project", "1"),
                integer(values, "threads", Runtime.getRuntime().availableProcessors(), 1, 1024),
                transport);
    }

    private static int integer(Map<String, String> values, String name, int fallback, int min, int max)
            throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    }

    private static String nonBlank(Map<String, String> values, String name, String fallback) throws UsageException {
        String value = values.getOrDefault(name, fallback);
        if (value.isBlank()) {
            throw new UsageException("--" + name + " must not be blank");
        }
        return value;
    }
}
