package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * End to end, ack → visible: while background load runs against the server (started by the caller), sends one probe
 * event every {@code --interval}, each with a fingerprint no other event has (its own exception type, which carries a
 * unique marker), and watches {@code GET /api/v1/projects/{slug}/issues?query=...} until its issue is listed. Per
 * probe: visible − ack, where ack is when the 200 of the envelope POST arrived and visible when the first issue list
 * holding the marker arrived. Probes are open loop: a slow server does not delay the next one.
 *
 * <p>By default ({@link Search#PREFIX}) one poller searches every {@code --poll} for the run's marker prefix, sorted by
 * first seen, newest {@value #PREFIX_PAGE}: the search load stays one request per poll however many probes wait.
 * {@link Search#MARKER} has every waiting probe search for its own marker every {@code --poll}; that multiplies the
 * searches by the probes waiting, and once probes wait about a second it slows the server enough to feed on itself.
 * Either way a figure is late by up to one poll interval plus one list request; the report states the interval, and
 * every probe's send time, ack and visible latency.
 */
public final class VisibilityProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USAGE = """
            usage: VisibilityProbe --base http://127.0.0.1:PORT --dsn DSN --token ADMIN_TOKEN [--project default]
                                   [--probes 300] [--interval 100ms] [--poll 20ms] [--warmup 5s] [--timeout 30s]
                                   [--search prefix|marker] [--json FILE]
              --timeout  give up on a probe that is not visible this long after its ack (counted, and it fails the bar)
              --search   prefix (default): one poller lists the run's newest probe issues every --poll;
                         marker: every waiting probe searches for its own marker every --poll""";

    private VisibilityProbe() {}

    public static void main(String[] argv) throws Exception {
        Args args;
        Target target;
        Search search;
        try {
            args = Args.parse(argv, Set.of("base", "dsn", "token", "project", "probes", "interval", "poll", "warmup",
                    "timeout", "search", "json"));
            args.required("base");
            args.required("token");
            target = Target.fromDsn(args.required("dsn"));
            String given = args.string("search", "prefix");
            if (!given.equals("prefix") && !given.equals("marker")) {
                throw new UsageException("--search must be prefix or marker, was '" + given + "'");
            }
            search = given.equals("prefix") ? Search.PREFIX : Search.MARKER;
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ObjectNode report = run(new ServerApi(args.required("base"), args.required("token")), target,
                args.string("project", "default"), args.positiveInt("probes", 300),
                args.duration("interval", Duration.ofMillis(100)), args.duration("poll", Duration.ofMillis(20)),
                args.duration("warmup", Duration.ofSeconds(5)), args.duration("timeout", Duration.ofSeconds(30)), search);
        System.out.println(summary(report));
        if (args.has("json")) {
            Files.writeString(Path.of(args.required("json")), report.toPrettyString() + "\n");
        }
    }

    /** How probes look for their issue. */
    enum Search {
        /** One poller lists the run's newest probe issues (query = the run's marker prefix) every poll interval. */
        PREFIX,
        /** Every waiting probe searches for its own marker every poll interval. */
        MARKER
    }

    /** Newest probe issues one prefix search lists: far more than can become visible between two polls. */
    static final int PREFIX_PAGE = 100;

    /** One probe: sent, then acknowledged, then seen. Fields are written by one thread at a time. */
    private static final class Probe {
        final int index;
        final String marker;
        final ObjectNode json = JSON.createObjectNode();
        volatile long ackedNanos;
        final AtomicBoolean done = new AtomicBoolean();

        Probe(int index, String marker) {
            this.index = index;
            this.marker = marker;
        }
    }

    static ObjectNode run(ServerApi api, Target target, String project, int probes, Duration interval, Duration poll,
            Duration warmup, Duration timeout, Search search) throws InterruptedException {
        Histogram visible = new ConcurrentHistogram(LatencyRecorder.HIGHEST_MICROS, 3);
        Histogram acks = new ConcurrentHistogram(LatencyRecorder.HIGHEST_MICROS, 3);
        AtomicLong timedOut = new AtomicLong();
        AtomicLong searches = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        Map<Integer, Probe> all = new ConcurrentSkipListMap<>();
        Map<Integer, Probe> waiting = new ConcurrentHashMap<>();
        String run = hex(4);
        String prefix = "bwprobe" + run + "n";
        Pattern markerPattern = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        JsonNode before = pipelineOrMissing(api);
        System.err.printf("[visibility] warm-up %d ms, then %d probes every %d ms (run %s, %s search every %d ms)%n",
                warmup.toMillis(), probes, interval.toMillis(), run, search.name().toLowerCase(Locale.ROOT), poll.toMillis());
        Schedule.awaitUntil(System.nanoTime() + warmup.toNanos());
        long start = System.nanoTime();
        AtomicBoolean sending = new AtomicBoolean(true);

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            if (search == Search.PREFIX) {
                threads.execute(() -> {
                    for (long next = System.nanoTime(); sending.get() || !waiting.isEmpty(); next += poll.toNanos()) {
                        Schedule.awaitUntil(next);
                        if (waiting.isEmpty()) {
                            continue;
                        }
                        try {
                            searches.incrementAndGet();
                            JsonNode items = api.issues(project, prefix, "firstSeen", PREFIX_PAGE);
                            long at = System.nanoTime();
                            for (JsonNode item : items) {
                                Matcher m = markerPattern.matcher(item.path("title").asText());
                                Probe probe = m.find() ? waiting.get(Integer.parseInt(m.group(1))) : null;
                                if (probe != null) {
                                    seen(probe, at, waiting, visible);
                                }
                            }
                            for (Probe probe : waiting.values()) {
                                if (at - probe.ackedNanos - timeout.toNanos() >= 0) {
                                    // before giving up, ask for this one marker: it may have fallen off the page
                                    searches.incrementAndGet();
                                    if (api.issuesMatching(project, probe.marker) > 0) {
                                        seen(probe, System.nanoTime(), waiting, visible);
                                    } else if (probe.done.compareAndSet(false, true)) {
                                        waiting.remove(probe.index);
                                        timedOut.incrementAndGet();
                                    }
                                }
                            }
                        } catch (Exception e) {
                            failures.merge("search: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                        }
                    }
                });
            }
            for (int i = 0; i < probes; i++) {
                Schedule.awaitUntil(start + i * interval.toNanos());
                Probe probe = new Probe(i, prefix + i);
                all.put(i, probe);
                threads.execute(() -> {
                    try {
                        long sent = System.nanoTime();
                        probe.json.put("sentAt", LatencyRecorder.round((sent - start) / 1e9, 3));
                        api.postEnvelope(target, envelope(probe.marker));
                        long acked = System.nanoTime();
                        probe.ackedNanos = acked;
                        acks.recordValue(micros(acked - sent));
                        probe.json.put("ackMs", LatencyRecorder.round((acked - sent) / 1e6, 1));
                        if (search == Search.PREFIX) {
                            waiting.put(probe.index, probe);
                            return;
                        }
                        long deadline = acked + timeout.toNanos();
                        while (true) {
                            searches.incrementAndGet();
                            if (api.issuesMatching(project, probe.marker) > 0) {
                                seen(probe, System.nanoTime(), waiting, visible);
                                return;
                            }
                            if (System.nanoTime() - deadline >= 0) {
                                probe.done.set(true);
                                timedOut.incrementAndGet();
                                return;
                            }
                            LockSupport.parkNanos(poll.toNanos());
                        }
                    } catch (Exception e) {
                        probe.done.set(true);
                        probe.json.put("error", e.toString());
                        failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                    }
                });
            }
            // the sender threads finish before the poller is told to stop: a probe still posting is not yet waiting
            while (all.values().stream().anyMatch(p -> p.ackedNanos == 0 && !p.done.get())) {
                LockSupport.parkNanos(poll.toNanos());
            }
            sending.set(false);
        }
        JsonNode after = pipelineOrMissing(api);

        ObjectNode json = JSON.createObjectNode();
        json.put("probes", probes);
        json.put("intervalMillis", interval.toMillis());
        json.put("search", search.name().toLowerCase(Locale.ROOT));
        json.put("pollMillis", poll.toMillis());
        json.put("searches", searches.get());
        json.put("timeoutSeconds", timeout.toMillis() / 1000.0);
        json.put("visible", visible.getTotalCount());
        json.put("timedOut", timedOut.get());
        ObjectNode failed = json.putObject("failures");
        failures.forEach(failed::put);
        json.set("visibleAfterAckMs", LatencyRecorder.percentilesJson(visible));
        json.set("ackLatencyMs", LatencyRecorder.percentilesJson(acks));
        json.set("eventsLaneBefore", ServerApi.lane(before, SpoolFill.LANE));
        json.set("eventsLaneAfter", ServerApi.lane(after, SpoolFill.LANE));
        ArrayNode probesJson = json.putArray("series");
        all.values().forEach(probe -> probesJson.add(probe.json));
        return json;
    }

    /** The probe's issue was in a list that arrived at {@code atNanos}; a probe is settled exactly once. */
    private static void seen(Probe probe, long atNanos, Map<Integer, Probe> waiting, Histogram visible) {
        if (probe.done.compareAndSet(false, true)) {
            waiting.remove(probe.index);
            visible.recordValue(micros(atNanos - probe.ackedNanos));
            probe.json.put("visibleMs", LatencyRecorder.round((atNanos - probe.ackedNanos) / 1e6, 1));
        }
    }

    /**
     * A sentry-java-like error envelope whose exception type holds the marker: a fingerprint of its own, and a title
     * ("type: value") the issue search finds. Uncompressed.
     */
    static byte[] envelope(String marker) {
        String eventId = hex(16);
        String now = Instant.now().toString();
        String event = "{\"event_id\":\"" + eventId + "\",\"timestamp\":\"" + now + "\",\"platform\":\"java\","
                + "\"level\":\"error\",\"logger\":\"dev.breakwater.bench.VisibilityProbe\",\"environment\":\"bench\","
                + "\"exception\":{\"values\":[{\"type\":\"Probe" + marker + "Exception\",\"value\":\"visibility probe "
                + marker + "\",\"module\":\"dev.breakwater.bench\",\"mechanism\":{\"type\":\"generic\",\"handled\":true},"
                + "\"stacktrace\":{\"frames\":[{\"filename\":\"Thread.java\",\"function\":\"run\",\"module\":\"java.lang.Thread\","
                + "\"lineno\":1583,\"in_app\":false},{\"filename\":\"VisibilityProbe.java\",\"function\":\"probe\","
                + "\"module\":\"dev.breakwater.bench.VisibilityProbe\",\"lineno\":42,\"in_app\":true}]}}]},"
                + "\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.13.2\"}}";
        byte[] payload = event.getBytes(StandardCharsets.UTF_8);
        String head = "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"" + now + "\"," + EnvelopeCorpus.SDK_HEADER + "}\n"
                + "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":" + payload.length + "}\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] envelope = new byte[headBytes.length + payload.length + 1];
        System.arraycopy(headBytes, 0, envelope, 0, headBytes.length);
        System.arraycopy(payload, 0, envelope, headBytes.length, payload.length);
        envelope[envelope.length - 1] = '\n';
        return envelope;
    }

    private static JsonNode pipelineOrMissing(ServerApi api) throws InterruptedException {
        try {
            return api.pipeline();
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(LatencyRecorder.HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    static String summary(ObjectNode report) {
        JsonNode v = report.path("visibleAfterAckMs");
        return String.format(Locale.ROOT, "visibility: %d probes, %d visible, %d timed out, %d failed; visible - ack ms:"
                        + " p50 %s  p99 %s  max %s (poll every %d ms)",
                report.path("probes").asInt(), report.path("visible").asLong(), report.path("timedOut").asLong(),
                sum(report.path("failures")), v.path("p50").asText("–"), v.path("p99").asText("–"),
                v.path("max").asText("–"), report.path("pollMillis").asLong());
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode value : counts) {
            total += value.asLong();
        }
        return total;
    }
}
