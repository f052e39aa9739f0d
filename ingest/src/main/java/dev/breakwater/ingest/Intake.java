package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every ingest request goes through, whatever its protocol: the shutdown gate, the in-flight count that a
 * graceful shutdown waits on, a slot among the {@code maxConcurrent} that may be processed at once, exactly one
 * outcome counted per request, latency, and the mapping of an {@link IngestException} to the protocol's error shape.
 * Thread-safe.
 *
 * <p>Why a request waits for a slot (up to {@code admissionWait}) instead of being refused the moment all are busy:
 * SDKs drop what gets a 429 (PROTOCOLS.md A.8), so a refusal loses data, and an instant refusal costs nearly as much
 * CPU as an acceptance (the HTTP exchange is most of the cost). Refused at once, a crowd of clients kept every
 * slot's owner (which parks for its body and its fsync) queueing for the CPU behind a stream of refusals: in a 20 s
 * open-loop overload on 1,024 connections on a 2-core machine the server accepted 2,100 requests/s and refused
 * 18,700/s, where flat out it had accepted 9,400/s; waiting for slots, 10,900/s accepted and none refused. A
 * request waiting for a slot takes no CPU and holds no body (its body is not read yet), so the wait costs only
 * latency, bounded by {@code admissionWait}; past it the refusal tells the client to back off. The slots are handed
 * out in arrival order.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** One endpoint's work: from request to reply, refusing with {@link IngestException}. */
    @FunctionalInterface
    public interface Endpoint {
        Reply handle(ServerRequest req) throws IngestException;
    }

    private final IngestMetrics metrics;
    private final long maxHeaderBytes;
    private final int maxConcurrent;
    private final long admissionWaitNanos;
    private final Semaphore slots;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicInteger inflight = new AtomicInteger();

    /**
     * @param maxConcurrent requests processed at once
     * @param admissionWait how long a request may wait for a slot; then it is refused with 429 and {@code Retry-After},
     *     so overload shows as refusals the clients back off from, not as latency that grows until their queues
     *     overflow
     */
    public Intake(IngestMetrics metrics, long maxHeaderBytes, int maxConcurrent, Duration admissionWait) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxConcurrent = maxConcurrent;
        this.admissionWaitNanos = admissionWait.toNanos();
        this.slots = new Semaphore(maxConcurrent, true);
    }

    public boolean accepting() {
        return accepting.get();
    }

    /** Requests holding a processing slot right now. */
    public int active() {
        return maxConcurrent - slots.availablePermits();
    }

    /** Requests waiting for a processing slot right now (an estimate, as the JDK's queue length is). */
    public int waiting() {
        return slots.getQueueLength();
    }

    public void beginShutdown() {
        accepting.set(false);
    }

    /** Waits until no request is in flight, at most {@code timeout}; true when none is. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inflight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5); // a shutdown path, polled: not worth a condition on the hot path
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return inflight.get() == 0;
            }
        }
        return inflight.get() == 0;
    }

    public void serve(String name, ErrorBody.Dialect dialect, ServerRequest req, ServerResponse res, Endpoint endpoint) {
        long start = System.nanoTime();
        inflight.incrementAndGet();
        boolean slot = false;
        Reply reply;
        try {
            slot = awaitSlot();
            if (!accepting.get()) {
                throw new IngestException(DiscardReason.SHUTTING_DOWN, "the server is shutting down; retry shortly");
            }
            checkHeaderSize(req);
            reply = endpoint.handle(req);
        } catch (IngestException e) {
            reply = refusal(dialect, e);
        } catch (RuntimeException e) {
            log.error("ingest endpoint {} failed", name, e);
            reply = refusal(dialect, new IngestException(DiscardReason.STORAGE_FAILED, "internal error: " + e));
        } finally {
            if (slot) {
                slots.release();
            }
            inflight.decrementAndGet();
        }
        if (reply.refusal() == null) {
            metrics.accepted(name);
        } else {
            metrics.refused(name, reply.refusal());
        }
        try {
            write(res, reply);
        } catch (UncheckedIOException e) {
            // the client is gone (or was cut off by the body watchdog): its outcome is counted, nothing to answer
            log.debug("could not answer {} request: {}", name, e.toString());
        }
        metrics.latency(name, reply.status(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Takes a processing slot, waiting for one at most the admission wait; true when taken, else the refusal. */
    private boolean awaitSlot() throws IngestException {
        if (!accepting.get()) {
            return false; // the shutdown refusal follows; no point waiting for a slot first
        }
        try {
            if (slots.tryAcquire(admissionWaitNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw IngestException.retryLater(
                DiscardReason.OVERLOADED,
                "all " + maxConcurrent + " request slots stayed busy for " + admissionWaitNanos / 1_000_000
                        + " ms; retry in a few seconds",
                RetryJitter.overloadSeconds());
    }

    private void checkHeaderSize(ServerRequest req) throws IngestException {
        long size = 0;
        for (Header header : req.headers()) {
            size += header.name().length() + header.get().length() + 4; // ": " and CRLF
        }
        if (size > maxHeaderBytes) {
            throw new IngestException(
                    DiscardReason.HEADERS_TOO_LARGE,
                    "the request's headers take " + size + " bytes, more than the " + maxHeaderBytes + " accepted");
        }
    }

    /** The error reply for a refusal; rate-limit-like refusals carry {@code Retry-After}. */
    public static Reply refusal(ErrorBody.Dialect dialect, IngestException e) {
        DiscardReason reason = e.reason();
        long retryAfter = e.retryAfterSeconds();
        if (retryAfter == 0 && (reason.httpStatus() == 429 || reason.httpStatus() == 503)) {
            // every refusal that is about load, not about the request, tells the client when to come back
            retryAfter = 1;
        }
        Reply reply = new Reply(
                reason.httpStatus(),
                Map.of(),
                ErrorBody.of(dialect, reason.wireName(), e.getMessage(), retryAfter),
                reason);
        if (retryAfter > 0) {
            reply = reply.withHeader("Retry-After", Long.toString(retryAfter));
        }
        if (retryAfter > 0 && dialect == ErrorBody.Dialect.SENTRY) {
            // empty categories: every category of this DSN waits, which is what a project-wide refusal means
            reply = reply.withHeader("X-Sentry-Rate-Limits", retryAfter + "::project:" + reason.wireName());
        }
        return reply;
    }

    private static void write(ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        reply.headers().forEach(res::header);
        res.send(reply.body());
    }
}
