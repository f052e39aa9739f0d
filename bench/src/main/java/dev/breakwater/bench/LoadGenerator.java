package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Posts gzip'd Sentry envelopes to a loopback HTTP endpoint over C keep-alive connections, flat out or open-loop at a
 * fixed rate, for a warm-up and then a measured duration, and reports acknowledged requests per second, refusals by
 * status (429 with and without {@code Retry-After}, 503, others), transport errors, and latency percentiles.
 *
 * <p>Built for low client overhead on a small machine shared with the server: one thread per connection on a plain
 * blocking {@link java.net.Socket}, requests serialised up front and re-stamped in place with a unique event id per
 * request ({@link EnvelopeTemplate}), responses parsed only as far as status and framing ({@link HttpResponseReader}).
 * The threads are platform threads by default: against nginx on this 2-core machine they sent ~40 % more requests
 * per second than virtual threads, whose every blocking read goes through the JDK's poller (park, epoll re-arm,
 * unpark). {@code --threads virtual} is there for runs with thousands of connections.
 *
 * <p>Rates are over the configured duration; requests in flight when it ends are still counted (at most one per
 * connection). The {@code total} block includes the warm-up, for checking every acknowledged request against what the
 * server has on disk.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadGenerator() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(argv);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        ObjectNode report = run(options);
        System.out.println(summary(report));
        if (options.json() != null) {
            Files.writeString(options.json(), report.toPrettyString());
        }
    }

    static ObjectNode run(LoadOptions options) throws InterruptedException {
        EnvelopeCorpus corpus = new EnvelopeCorpus(options.fingerprints(), options.size(), 1);
        List<EnvelopeTemplate> templates = corpus.templates(options.templates(), Instant.now());
        List<List<PreparedRequest>> perConnection = distribute(options, templates);

        LatencyRecorder warmup = new LatencyRecorder();
        LatencyRecorder measured = new LatencyRecorder();
        // a short lead so every connection thread is parked on the schedule before the first request is due
        long start = System.nanoTime() + 100_000_000L;
        long warmupEnd = start + options.warmup().toNanos();
        long end = warmupEnd + options.duration().toNanos();
        Schedule schedule = options.rate() > 0
                ? Schedule.fixedRate(options.rate(), start, end, System::nanoTime)
                : Schedule.flatOut(start, end, System::nanoTime);
        long nonce = new SecureRandom().nextLong();
        int timeoutMillis = (int) options.timeout().toMillis();
        try (ExecutorService threads = options.virtualThreads()
                ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            for (int c = 0; c < options.connections(); c++) {
                LoadConnection connection = new LoadConnection(options.target(), perConnection.get(c), schedule, warmupEnd,
                        warmup, measured, new EventIdSequence(nonce, c), timeoutMillis);
                threads.execute(() -> {
                    Schedule.awaitUntil(start);
                    connection.run();
                });
            }
        }
        long finished = System.nanoTime();
        return report(options, corpus, templates, schedule, warmup, measured, (finished - end) / 1e9);
    }

    /** Each connection gets its own copies of every C-th template, so stamping never races and all templates are used. */
    private static List<List<PreparedRequest>> distribute(LoadOptions options, List<EnvelopeTemplate> templates) {
        List<List<PreparedRequest>> perConnection = new ArrayList<>(options.connections());
        for (int c = 0; c < options.connections(); c++) {
            List<PreparedRequest> mine = new ArrayList<>();
            for (int t = c; t < templates.size(); t += options.connections()) {
                mine.add(new PreparedRequest(options.target(), templates.get(t).copy()));
            }
            if (mine.isEmpty()) {
                mine.add(new PreparedRequest(options.target(), templates.get(c % templates.size()).copy()));
            }
            perConnection.add(mine);
        }
        return perConnection;
    }

    private static ObjectNode report(LoadOptions options, EnvelopeCorpus corpus, List<EnvelopeTemplate> templates,
            Schedule schedule, LatencyRecorder warmup, LatencyRecorder measured, double drainSeconds) {
        ObjectNode json = JSON.createObjectNode();
        json.put("label", options.label());
        json.put("target", options.target().url());
        json.put("mode", schedule.fixedRate() ? "fixed-rate" : "flat-out");
        json.put("latencyFrom", schedule.fixedRate() ? "intended send time" : "actual send time");
        json.put("connections", options.connections());
        json.put("threads", options.virtualThreads() ? "virtual" : "platform");
        json.put("ratePerSecond", options.rate());
        json.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        json.put("durationSeconds", options.duration().toMillis() / 1000.0);
        json.put("drainSeconds", LatencyRecorder.round(drainSeconds, 3));

        ObjectNode bodies = json.putObject("bodies");
        bodies.put("size", options.size().name().toLowerCase(Locale.ROOT));
        bodies.put("templates", templates.size());
        bodies.put("fingerprints", corpus.fingerprints().size());
        bodies.put("meanGzipBytes", templates.stream().mapToInt(EnvelopeTemplate::gzipLength).sum() / templates.size());
        bodies.put("meanEnvelopeBytes", templates.stream().mapToInt(EnvelopeTemplate::uncompressedLength).sum() / templates.size());
        bodies.put("meanEventJsonBytes", templates.stream().mapToInt(EnvelopeTemplate::payloadLength).sum() / templates.size());

        double seconds = options.duration().toNanos() / 1e9;
        ObjectNode measuredJson = measured.countsJson(seconds);
        if (schedule.fixedRate()) {
            long due = schedule.dueCount();
            long missed = Math.max(0, due - warmup.sentCount() - measured.sentCount());
            measuredJson.put("missed", missed);
            measuredJson.put("offeredPerSecond", LatencyRecorder.round(measured.sentCount() / seconds, 1));
        }
        json.set("measured", measuredJson);
        json.set("acceptedLatencyMs", LatencyRecorder.percentilesJson(measured.acceptedLatencies()));
        json.set("refusedLatencyMs", LatencyRecorder.percentilesJson(measured.refusedLatencies()));
        json.set("serviceLatencyMs", LatencyRecorder.percentilesJson(measured.serviceLatencies()));

        ObjectNode total = json.putObject("total");
        total.put("sent", warmup.sentCount() + measured.sentCount());
        total.put("accepted", warmup.acceptedCount() + measured.acceptedCount());
        total.put("refused429", warmup.refused429Count() + measured.refused429Count());
        total.put("refused429WithRetryAfter", warmup.refused429WithRetryAfterCount() + measured.refused429WithRetryAfterCount());
        total.put("refused503", warmup.refused503Count() + measured.refused503Count());
        total.put("otherStatus", warmup.otherStatusCount() + measured.otherStatusCount());
        total.put("errors", warmup.errorCount() + measured.errorCount());
        return json;
    }

    static String summary(ObjectNode report) {
        ObjectNode m = (ObjectNode) report.get("measured");
        ObjectNode lat = (ObjectNode) report.get("acceptedLatencyMs");
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %s %s, %d connections, %.0fs (+%.0fs warm-up), bodies %s ~%d B gzip'd%n",
                report.get("label").asText(), report.get("mode").asText(), report.get("target").asText(),
                report.get("connections").asInt(), report.get("durationSeconds").asDouble(),
                report.get("warmupSeconds").asDouble(), report.get("bodies").get("size").asText(),
                report.get("bodies").get("meanGzipBytes").asInt()));
        out.append(String.format("  sent %d (%.1f/s), accepted %d (%.1f/s), 429 %d (%d with Retry-After), 503 %d, other %s, errors %s%n",
                m.get("sent").asLong(), m.get("sentPerSecond").asDouble(), m.get("accepted").asLong(),
                m.get("acceptedPerSecond").asDouble(), m.get("refused429").asLong(),
                m.get("refused429WithRetryAfter").asLong(), m.get("refused503").asLong(), m.get("otherStatus"),
                m.get("errors")));
        if (m.has("missed")) {
            out.append(String.format("  offered %.1f/s, missed (due but never sent) %d%n",
                    m.get("offeredPerSecond").asDouble(), m.get("missed").asLong()));
        }
        if (lat.get("count").asLong() > 0) {
            out.append(String.format("  ack latency (from %s) ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                    report.get("latencyFrom").asText(), lat.get("p50").asDouble(), lat.get("p99").asDouble(),
                    lat.get("p999").asDouble(), lat.get("max").asDouble()));
        }
        ObjectNode service = (ObjectNode) report.get("serviceLatencyMs");
        if (m.has("missed") && service.get("count").asLong() > 0) {
            out.append(String.format("  service latency (write to response, all statuses) ms: p50 %.3f  p99 %.3f  max %.3f%n",
                    service.get("p50").asDouble(), service.get("p99").asDouble(), service.get("max").asDouble()));
        }
        return out.toString().stripTrailing();
    }
}
