package dev.breakwater.server.drill;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code thundering-herd}: after an outage every client comes back at the same moment with what it held, as in the
 * post-mortems where the recovery wave took the service down again. Re-enacted with {@value #CLIENTS} clients, each a
 * virtual thread with its own burst of {@value #BURST} events, released together through one gate, against a
 * Breakwater with a small concurrency limit ({@value #MAX_CONCURRENT}) and a per-project rate limit
 * ({@value #RATE}/s, burst {@value #RATE}). Expected: some requests refused, every refusal a 429 or 503 with
 * {@code Retry-After}, none dropped; the heap after GC under {@value #HEAP_LIMIT_MIB} MiB and {@code /readyz}
 * answering; within 60 s the refusal alert notified and the Ingest API degraded on the status page, and once the
 * minute the refusal ratio is counted over has passed, resolved and operational again; every accepted event stored,
 * once.
 */
final class ThunderingHerdDrill implements Drill {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    static final int CLIENTS = 400;
    static final int BURST = 5;
    static final int MAX_CONCURRENT = 8;
    static final int RATE = 50;
    /**
     * The most heap the whole JVM may keep after a full GC once the herd is over: the drill's Breakwater, its SQLite
     * store and the herd's own client. Ingest holds at most {@code ingest.max-inflight-bytes} (128 MiB by default) of
     * request bodies, handles {@value #MAX_CONCURRENT} requests at once and keeps nothing of a refused one, so the
     * herd must leave about what it found (well under 100 MiB); the bound is that plus the whole in-flight cap, with
     * room to spare, and far below the default maximum heap, so it fails only on memory that grows with the herd.
     */
    static final long HEAP_LIMIT_MIB = 512;
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"(\\w+)\"");

    @Override
    public String name() {
        return "thundering-herd";
    }

    @Override
    public String summary() {
        return CLIENTS + " clients come back at once after an outage -> refusals with Retry-After, memory bounded,"
                + " refusal alert and degraded Ingest API, then resolved; every accepted event processed once";
    }

    @Override
    public Map<String, String> settings(Path data) {
        return Map.of(
                "ingest.max-concurrent-requests", Integer.toString(MAX_CONCURRENT),
                "ingest.rate-limit-per-second", Integer.toString(RATE),
                "ingest.rate-limit-burst", Integer.toString(RATE));
    }

    @Override
    public void run(DrillBench bench) throws Exception {
        long heapBefore = heapAfterFullGc();
        bench.note(String.format(Locale.ROOT, "heap after GC before the herd: %d MiB; %d clients with %d events each"
                + " wait at the gate", heapBefore, CLIENTS, BURST));

        Tally tally = new Tally();
        CountDownLatch gate = new CountDownLatch(1);
        HeapWatch watch = new HeapWatch();
        long herdTook;
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        gate.await();
                        for (int e = 0; e < BURST; e++) {
                            try {
                                tally.count(client.send(bench.eventRequest("herd client c" + id + " event e" + e),
                                        HttpResponse.BodyHandlers.ofString()));
                            } catch (IOException failure) {
                                tally.failed(failure);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            Thread watcher = Thread.ofVirtual().start(watch);
            long started = System.nanoTime();
            gate.countDown();
            bench.note("gate open: the herd is back");
            for (Thread c : clients) {
                c.join();
            }
            herdTook = System.nanoTime() - started;
            watcher.interrupt();
            watcher.join();
        }
        bench.note(String.format(Locale.ROOT, "herd done in %.1f s: %s; %d requests failed without an answer%s",
                herdTook / 1e9, new TreeMap<>(tally.answers), tally.failed.get(),
                tally.failures.isEmpty() ? "" : " " + tally.failures));
        long heapAfter = heapAfterFullGc();
        bench.note(String.format(Locale.ROOT, "heap after GC: %d MiB before, at most %d MiB during, %d MiB after"
                + " the herd (bound %d MiB)", heapBefore, watch.peakMib(), heapAfter, HEAP_LIMIT_MIB));

        long total = (long) CLIENTS * BURST;
        long accepted = tally.accepted.get();
        long refusals = tally.refusals.get();
        long other = total - accepted - refusals - tally.failed.get();
        if (tally.failed.get() > 0 || other > 0) {
            throw new DrillFailure(tally.failed.get() + " requests got no answer and " + other + " an answer other"
                    + " than 200/429/503: overload must be refused with 429/503, not dropped");
        }
        if (refusals == 0) {
            throw new DrillFailure("no request was refused: the herd did not exceed the limits");
        }
        if (tally.withoutRetryAfter.get() > 0) {
            throw new DrillFailure(tally.withoutRetryAfter.get() + " of " + refusals + " refusals had no Retry-After");
        }
        bench.note(refusals + " of " + total + " requests refused, every one with Retry-After (seconds: count "
                + new TreeMap<>(tally.retryAfters) + "); " + accepted + " accepted");
        if (heapAfter > HEAP_LIMIT_MIB) {
            throw new DrillFailure("the heap after GC is " + heapAfter + " MiB after the herd, over " + HEAP_LIMIT_MIB);
        }
        bench.note("/readyz: " + bench.get("/readyz").strip());

        bench.await("alert ingest:refusals notified", WITHIN, () -> bench.notification("ingest:refusals", "fired"));
        bench.await("status page: Ingest API degraded", WITHIN, () ->
                bench.componentStatus("Ingest API").filter("degraded"::equals));
        bench.await("every accepted event stored, once (" + accepted + ")", WITHIN, () -> {
            long stored = bench.storedEvents();
            if (stored > accepted) {
                throw new DrillFailure(stored + " events stored but only " + accepted + " accepted");
            }
            return stored == accepted ? Optional.of(stored) : Optional.empty();
        });
        // the refusal ratio is counted over the last minute, so it clears a minute after the herd, not sooner
        Duration afterWindow = WITHIN.plusSeconds(30);
        bench.await("alert ingest:refusals resolved (the refusal ratio covers a minute)", afterWindow, () ->
                bench.notification("ingest:refusals", "resolved"));
        bench.await("status page: Ingest API operational", WITHIN, () ->
                bench.componentStatus("Ingest API").filter("operational"::equals));
    }

    /** What the herd was answered, counted by its clients' threads. */
    private static final class Tally {
        final ConcurrentMap<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final ConcurrentMap<String, AtomicLong> retryAfters = new ConcurrentHashMap<>();
        final ConcurrentMap<String, String> failures = new ConcurrentHashMap<>();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refusals = new AtomicLong();
        final AtomicLong withoutRetryAfter = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        void count(HttpResponse<String> answer) {
            int status = answer.statusCode();
            String answered = status == 200 ? "200" : status + " " + code(answer.body());
            answers.computeIfAbsent(answered, k -> new AtomicLong()).incrementAndGet();
            if (status == 200) {
                accepted.incrementAndGet();
            } else if (status == 429 || status == 503) {
                refusals.incrementAndGet();
                Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
                if (!positive(retryAfter)) {
                    withoutRetryAfter.incrementAndGet();
                }
                retryAfters.computeIfAbsent(retryAfter.orElse("none"), k -> new AtomicLong()).incrementAndGet();
            }
        }

        void failed(IOException failure) {
            failed.incrementAndGet();
            failures.putIfAbsent(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()));
        }
    }

    private static String code(String body) {
        Matcher matcher = CODE.matcher(body);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static boolean positive(Optional<String> retryAfter) {
        try {
            return retryAfter.map(Long::parseLong).filter(seconds -> seconds > 0).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The heap in use right after a full collection, in MiB. */
    private static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /**
     * Samples the heap left after each collection while the herd runs: what is live, unlike the usage between
     * collections, which is mostly garbage.
     */
    private static final class HeapWatch implements Runnable {
        private volatile long peakBytes;

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long live = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage afterGc = pool.getType() == MemoryType.HEAP && pool.isValid()
                                ? pool.getCollectionUsage()
                                : null;
                        if (afterGc != null) {
                            live += afterGc.getUsed();
                        }
                    }
                    peakBytes = Math.max(peakBytes, live);
                    Thread.sleep(20); // a sampling period, not a wait for a condition
                }
            } catch (InterruptedException e) {
                // the herd is over
            }
        }

        long peakMib() {
            return peakBytes >> 20;
        }
    }
}
