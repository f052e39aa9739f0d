package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: polls the store for due deliveries on its own thread and hands them, one job per channel, to a
 * bounded pool of delivery threads.
 *
 * <h2>Design notes</h2>
 * <ul>
 *   <li><b>At least once.</b> A delivery is marked delivered after the channel accepted it; a crash in between sends
 *       it again, with the same delivery id, so receivers can drop the duplicate.
 *   <li><b>One job per channel at a time.</b> A channel's due deliveries are sent in order by one job, and a channel
 *       with a job queued or running gets no other, so one delivery is never sent twice at once, and a hung channel
 *       holds at most one delivery thread (for at most the send timeout). A poll whose store read began before a
 *       channel's last job ended skips that channel: its read may predate that job's results.
 *   <li><b>Bounded.</b> When the pool's queue is full the job is not queued; its deliveries stay pending in the store
 *       for the next poll (counted as deferred). A job that waited in the queue longer than the job TTL is dropped
 *       unsent (counted); its deliveries stay pending too.
 *   <li><b>One server at a time.</b> Several servers may dispatch one store's outbox. A poll leases the deliveries
 *       it hands to a job ({@link Store#claimDeliveries}), and the job extends the lease past the send timeout
 *       before each send and skips a delivery whose lease another dispatcher took over, so no attempt is sent twice.
 *       Its outcome counts only while it still holds the lease (or no one does): a dispatcher stalled past its lease
 *       cannot clear the lease of the one that took over and let a third send the delivery again.
 *       A dispatcher that dies leaves leases that run out within {@code 2 × alert.send-timeout}; then another takes
 *       the deliveries over.
 *   <li><b>Retries.</b> A failed attempt is retried after a capped exponential back-off with jitter
 *       ({@link DeliveryBackoff}), or when the channel's {@code Retry-After} says (capped alike), and given up after
 *       {@code alert.max-attempts} attempts, or at once when no attempt can succeed (e.g. an HTTP 4xx other than 408
 *       and 429); giving up adds a {@code delivery_failed} entry to the alert's history (the store does it) and
 *       tells {@link ChannelHealth}. When a channel cannot be reached at all, the rest of its job is not tried: those
 *       deliveries are pushed back to the same retry time without counting an attempt.
 * </ul>
 * Thread-safe.
 */
final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int POLL_BATCH = 500;
    private static final int JOB_BATCH = 100;
    private static final int MAX_ERROR_LENGTH = 500;

    private final AlertConfig config;
    private final Store store;
    private final Clock clock;
    private final Map<String, ChannelSender> senders;
    private final ChannelHealth health;
    private final AlertMetrics metrics;
    private final ScheduledExecutorService poller;
    private final ThreadPoolExecutor pool;
    /** Channels with a job queued or running. */
    private final Map<Long, Boolean> busy = new ConcurrentHashMap<>();
    /** When (System.nanoTime) each channel's last job ended. */
    private final Map<Long, Long> releasedAt = new ConcurrentHashMap<>();
    /** Names this dispatcher's leases in the store. */
    private final String claimer = "outbox-" + UUID.randomUUID();
    private final Duration lease;
    private volatile boolean closed;

    OutboxDispatcher(AlertConfig config, Store store, Clock clock, List<ChannelSender> senders, ChannelHealth health,
            AlertMetrics metrics) {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.senders = new LinkedHashMap<>();
        for (ChannelSender sender : senders) {
            this.senders.put(sender.kind(), sender);
        }
        this.health = requireNonNull(health, "health is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        // outlasts a send begun just before it would run out
        this.lease = config.sendTimeout().multipliedBy(2);
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alert-outbox-poller").daemon(true).factory());
        this.pool = new ThreadPoolExecutor(config.deliveryThreads(), config.deliveryThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.queueSize()),
                Thread.ofPlatform().name("alert-delivery-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    void start() {
        long interval = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (StoreException e) {
            log.warn("Could not poll the alert outbox, trying again in {}: {}", config.pollInterval(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Polling the alert outbox failed", e);
        }
    }

    /** One poll: leases the due deliveries of every idle channel and hands them to the pool, a job per channel. */
    void poll() throws StoreException {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<DeliveryRecord> due = store.dueDeliveries(now, POLL_BATCH);
        metrics.outboxDue.set(due.size());
        if (due.isEmpty()) {
            return;
        }
        Map<Long, ChannelRecord> channels = new LinkedHashMap<>();
        for (ChannelRecord channel : store.channels()) {
            channels.put(channel.id(), channel);
        }
        Map<Long, List<DeliveryRecord>> byChannel = new LinkedHashMap<>();
        for (DeliveryRecord delivery : due) {
            List<DeliveryRecord> list = byChannel.computeIfAbsent(delivery.channelId(), id -> new ArrayList<>());
            if (list.size() < JOB_BATCH) {
                list.add(delivery);
            }
        }
        for (Map.Entry<Long, List<DeliveryRecord>> entry : byChannel.entrySet()) {
            long channelId = entry.getKey();
            List<DeliveryRecord> deliveries = entry.getValue();
            if (busy.putIfAbsent(channelId, Boolean.TRUE) != null) {
                continue;
            }
            // read after taking the channel: a job sets releasedAt before it frees the channel
            Long released = releasedAt.get(channelId);
            if (released != null && released - started >= 0) {
                busy.remove(channelId);
                continue;
            }
            ChannelRecord channel = channels.get(channelId);
            if (channel == null || !channel.enabled()) {
                // deleted or disabled after the read, which cancelled its pending deliveries: nothing to send
                release(channelId);
                continue;
            }
            List<DeliveryRecord> claimed;
            try {
                claimed = store.claimDeliveries(deliveries.stream().map(DeliveryRecord::id).toList(), claimer, now,
                        now.plus(lease));
            } catch (StoreException | RuntimeException e) {
                release(channelId);
                throw e;
            }
            if (claimed.isEmpty()) {
                // another dispatcher has them
                release(channelId);
                continue;
            }
            metrics.inFlight.addAndGet(claimed.size());
            try {
                pool.execute(new ChannelJob(channel, claimed, System.nanoTime()));
            } catch (RejectedExecutionException e) {
                metrics.inFlight.addAndGet(-claimed.size());
                metrics.deliveriesDeferred.increment(claimed.size());
                releaseClaims(claimed);
                release(channelId);
            }
        }
    }

    private void release(long channelId) {
        releasedAt.put(channelId, System.nanoTime());
        busy.remove(channelId);
    }

    /** Gives leases back so that the deliveries are due again at once; if that fails, the leases run out. */
    private void releaseClaims(List<DeliveryRecord> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            store.releaseClaims(deliveries.stream().map(DeliveryRecord::id).toList(), claimer);
        } catch (StoreException | RuntimeException e) {
            log.debug("Could not release {} delivery leases; they run out within {}: {}", deliveries.size(), lease,
                    e.getMessage());
        }
    }

    /** Sends one channel's due deliveries in order. */
    private final class ChannelJob implements Runnable {
        private final ChannelRecord channel;
        private final List<DeliveryRecord> deliveries;
        private final long queuedAt;
        /** How many of the deliveries, from the first, have an outcome (recorded, skipped or deferred). */
        private int done;

        ChannelJob(ChannelRecord channel, List<DeliveryRecord> deliveries, long queuedAt) {
            this.channel = channel;
            this.deliveries = deliveries;
            this.queuedAt = queuedAt;
        }

        @Override
        public void run() {
            try {
                long waited = System.nanoTime() - queuedAt;
                if (waited > config.jobTtl().toNanos()) {
                    metrics.deliveriesDropped.increment(deliveries.size());
                    log.debug("Dropped {} deliveries to channel {} that waited {} ms for a delivery thread",
                            deliveries.size(), channel.id(), TimeUnit.NANOSECONDS.toMillis(waited));
                    return;
                }
                sendAll();
            } catch (StoreException e) {
                // the attempt's outcome is not recorded: the delivery stays due and is sent again (at least once)
                log.warn("Could not record a delivery to channel {}; it will be retried: {}", channel.id(),
                        e.getMessage());
            } catch (RuntimeException e) {
                log.error("Delivering to channel {} failed unexpectedly", channel.id(), e);
            } finally {
                metrics.inFlight.addAndGet(-deliveries.size());
                releaseClaims(deliveries.subList(done, deliveries.size()));
                release(channel.id());
            }
        }

        private void sendAll() throws StoreException {
            for (int i = 0; i < deliveries.size() && !closed; i++) {
                DeliveryRecord delivery = deliveries.get(i);
                if (!store.extendClaim(delivery.id(), claimer, clock.instant().plus(lease))) {
                    // cancelled meanwhile, or our lease ran out and another dispatcher took it over: not ours to send
                    done = i + 1;
                    continue;
                }
                Optional<Instant> unreachableUntil = send(delivery);
                done = i + 1;
                if (unreachableUntil.isPresent()) {
                    defer(deliveries.subList(i + 1, deliveries.size()), unreachableUntil.get());
                    done = deliveries.size();
                    return;
                }
            }
        }

        /** Sends one delivery and records the outcome; when the channel is unreachable, until when to leave it be. */
        private Optional<Instant> send(DeliveryRecord delivery) throws StoreException {
            ChannelSender sender = senders.get(channel.kind());
            try {
                if (sender == null) {
                    throw DeliveryException.permanent("no sender for channel kind '" + channel.kind() + "'");
                }
                Notification notification;
                try {
                    notification = NotificationPayload.forSending(delivery, config.publicUrl(), clock.instant());
                } catch (IllegalArgumentException e) {
                    throw DeliveryException.permanent(e.getMessage());
                }
                sender.send(channel, notification);
            } catch (DeliveryException e) {
                return failed(delivery, e);
            } catch (RuntimeException e) {
                log.error("Sender for {} channel {} failed unexpectedly", channel.kind(), channel.id(), e);
                return failed(delivery, DeliveryException.refused("unexpected " + e));
            }
            Instant at = clock.instant();
            if (!store.deliverySucceeded(delivery.id(), claimer, delivery.attempts() + 1, at)) {
                notRecorded(delivery, "delivered");
            }
            metrics.sent.increment();
            health.delivered(channel.id(), at);
            return Optional.empty();
        }

        private Optional<Instant> failed(DeliveryRecord delivery, DeliveryException failure) throws StoreException {
            int attempts = delivery.attempts() + 1;
            Instant at = clock.instant();
            Duration wait = failure.retryAfter()
                    .map(asked -> asked.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : asked)
                    .orElseGet(() -> DeliveryBackoff.after(attempts, config.maxBackoff()));
            Instant retryAt = at.plus(wait);
            boolean giveUp = !failure.retryable() || attempts >= config.maxAttempts();
            String error = truncate(failure.getMessage());
            if (!store.deliveryFailed(
                    delivery.id(), claimer, attempts, error, giveUp ? Optional.empty() : Optional.of(retryAt), at)) {
                notRecorded(delivery, "failed: " + error);
            }
            if (giveUp) {
                metrics.givenUp.increment();
                health.givenUp(channel.id(), error, at);
                log.warn("Gave up delivery {} of alert {} to {} channel {} after {} attempts: {}", delivery.id(),
                        delivery.alertId(), channel.kind(), channel.id(), attempts, error);
            } else {
                metrics.failed.increment();
                log.info("Delivery {} to {} channel {} failed (attempt {} of {}), retrying at {}: {}", delivery.id(),
                        channel.kind(), channel.id(), attempts, config.maxAttempts(), retryAt, error);
            }
            return failure.channelUnreachable() ? Optional.of(retryAt) : Optional.empty();
        }

        /** The send happened, but the store kept another word: worth a line when tracing a duplicate or a gap. */
        private void notRecorded(DeliveryRecord delivery, String outcome) {
            log.warn("Delivery {} of alert {} to {} channel {}: outcome not recorded ({}): it was cancelled meanwhile,"
                    + " or its lease ran out and another dispatcher took it over", delivery.id(), delivery.alertId(),
                    channel.kind(), channel.id(), outcome);
        }

        private void defer(List<DeliveryRecord> rest, Instant until) throws StoreException {
            Instant at = clock.instant();
            for (DeliveryRecord delivery : rest) {
                store.deliveryFailed(delivery.id(), claimer, delivery.attempts(),
                        "not attempted: the channel could not be reached", Optional.of(until), at);
            }
        }
    }

    private static String truncate(String message) {
        String text = message == null ? "unknown error" : message;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }

    /** Stops polling, lets running sends finish within {@code grace}, then interrupts them. */
    void close(Duration grace) {
        closed = true;
        poller.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            poller.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
