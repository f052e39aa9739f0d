package dev.breakwater.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What a {@link LoadGenerator} run does, parsed from its command line.
 *
 * @param rate       requests per second for an open-loop run; 0 sends flat out
 * @param templates  distinct envelope bodies to cycle through (each request still gets a new event id)
 * @param virtualThreads one virtual thread per connection instead of a platform thread
 * @param json       where to write the JSON report, or null
 */
record LoadOptions(
        Target target,
        int connections,
        Duration duration,
        Duration warmup,
        double rate,
        EventSize size,
        int fingerprints,
        int templates,
        Duration timeout,
        boolean virtualThreads,
        Path json,
        String label) {

    static final String USAGE = """
            usage: LoadGenerator (--dsn http://KEY@127.0.0.1:PORT/PROJECT | --url http://127.0.0.1:PORT/PATH [--key KEY])
                                 [--connections 64] [--duration 30s] [--warmup 5s] [--rate 0]
                                 [--size regular|large] [--fingerprints 200] [--templates 512]
                                 [--timeout 30s] [--threads platform|virtual] [--json FILE] [--label NAME]
              --rate N   open loop at N requests/s, latency from the intended send time; 0 (default) = flat out
              --dsn      posts to the DSN's envelope endpoint with its key; --url posts to that URL as it is""";

    private static final Set<String> KNOWN = Set.of(
            "dsn", "url", "key", "connections", "duration", "warmup", "rate", "size", "fingerprints", "templates",
            "timeout", "threads", "json", "label");

    static LoadOptions parse(String[] argv) throws UsageException {
        Args args = Args.parse(argv, KNOWN);
        Target target;
        if (args.has("dsn") == args.has("url")) {
            throw new UsageException("give exactly one of --dsn or --url");
        }
        if (args.has("dsn")) {
            if (args.has("key")) {
                throw new UsageException("--key comes from the DSN; give it only with --url");
            }
            target = Target.fromDsn(args.required("dsn"));
        } else {
            target = Target.fromUrl(args.required("url"), args.string("key", "bench"));
        }
        int connections = args.positiveInt("connections", 64);
        if (connections > 10_000) {
            throw new UsageException("--connections must be at most 10000, was " + connections);
        }
        Duration duration = args.duration("duration", Duration.ofSeconds(30));
        if (duration.isZero()) {
            throw new UsageException("--duration must be longer than 0");
        }
        Duration timeout = args.duration("timeout", Duration.ofSeconds(30));
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new UsageException("--timeout must be between 1ms and 24 days");
        }
        String threads = args.string("threads", "platform");
        if (!threads.equals("platform") && !threads.equals("virtual")) {
            throw new UsageException("--threads must be platform or virtual, was '" + threads + "'");
        }
        return new LoadOptions(
                target,
                connections,
                duration,
                args.duration("warmup", Duration.ofSeconds(5)),
                args.rate("rate", 0),
                EventSize.parse(args.string("size", "regular")),
                args.positiveInt("fingerprints", 200),
                args.positiveInt("templates", 512),
                timeout,
                threads.equals("virtual"),
                args.path("json", null),
                args.string("label", "load"));
    }
}
