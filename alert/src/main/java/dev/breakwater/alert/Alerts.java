package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting, running in its own bulkhead: one evaluation thread (rules, channel health, and the conditions monitors
 * {@link #submit}) and the {@link OutboxDispatcher}'s poller and bounded delivery pool. It reads only committed data
 * (signals, counts and alerts from the store) and never runs on a caller's thread except for {@link #book()}'s
 * operations, so a hung webhook or a slow SMTP server can delay notifications but never ingestion or processing.
 *
 * <p>The evaluation thread also prunes alerting's past ({@link AlertRetention}) at start and every hour.
 *
 * <p>Started with {@link #start}, stopped with {@link #close()} within a bounded time. Thread-safe.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final AlertConfig config;
    private final Store store;
    private final Clock clock;
    private final AlertBook book;
    private final RuleEvaluator rules;
    private final AlertRetention retention;
    private final ChannelHealth health = new ChannelHealth();
    private final AlertMetrics metrics;
    private final JsonPost post;
    private final OutboxDispatcher dispatcher;
    private final ScheduledThreadPoolExecutor evaluation;
    private final AtomicInteger queuedConditions = new AtomicInteger();
    private volatile boolean recovered;
    private volatile boolean closed;

    private Alerts(AlertConfig config, Store store, Clock clock, MeterRegistry registry) {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = new AlertMetrics(requireNonNull(registry, "registry is null"));
        this.book = new AlertBook(store);
        this.rules = new RuleEvaluator(store, book);
        this.retention = new AlertRetention(store, clock, config.retention());
        this.post = new JsonPost(config.connectTimeout(), config.sendTimeout());
        List<ChannelSender> senders = List.of(new WebhookSender(post), new SlackSender(post),
                new EmailSender(config.smtp(), config.connectTimeout(), config.sendTimeout()));
        this.dispatcher = new OutboxDispatcher(config, store, clock, senders, health, metrics);
        this.evaluation = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("alert-evaluation").daemon(true).factory());
        this.evaluation.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts evaluating every {@code alert.evaluation-interval} and delivering the outbox. */
    public static Alerts start(AlertConfig config, Store store, Clock clock, MeterRegistry registry) {
        Alerts alerts = new Alerts(config, store, clock, registry);
        long interval = config.evaluationInterval().toMillis();
        alerts.evaluation.scheduleWithFixedDelay(alerts::evaluate, 0, interval, TimeUnit.MILLISECONDS);
        alerts.evaluation.scheduleWithFixedDelay(alerts::prune, 0, PRUNE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        alerts.dispatcher.start();
        log.info("Alerting started: evaluation every {}, {} delivery threads, SMTP {}", config.evaluationInterval(),
                config.deliveryThreads(), config.smtp().map(SmtpConfig::toString).orElse("not configured"));
        return alerts;
    }

    /** The alert lifecycle, for acknowledging and resolving by hand (the caller's thread does the store work). */
    public AlertBook book() {
        return book;
    }

    public AlertMetrics metrics() {
        return metrics;
    }

    /**
     * Queues an observation for the evaluation thread, e.g. a monitor's disk or lane condition, and returns at once.
     * Dropped (counted, and false) when the queue is full, and unapplied when it waited longer than the job TTL;
     * monitors observe again at their next sample, so a dropped observation only delays.
     */
    public boolean submit(Condition condition) {
        requireNonNull(condition, "condition is null");
        if (closed) {
            return false;
        }
        if (queuedConditions.incrementAndGet() > config.queueSize()) {
            queuedConditions.decrementAndGet();
            metrics.conditionsDropped.increment();
            return false;
        }
        long queuedAt = System.nanoTime();
        Instant observedAt = clock.instant();
        try {
            evaluation.execute(() -> observe(condition, observedAt, queuedAt));
            return true;
        } catch (RejectedExecutionException e) {
            queuedConditions.decrementAndGet();
            metrics.conditionsDropped.increment();
            return false;
        }
    }

    private void observe(Condition condition, Instant observedAt, long queuedAt) {
        queuedConditions.decrementAndGet();
        if (System.nanoTime() - queuedAt > config.jobTtl().toNanos()) {
            metrics.conditionsDropped.increment();
            return;
        }
        try {
            book.observe(condition, observedAt);
        } catch (StoreException e) {
            metrics.conditionsDropped.increment();
            log.warn("Could not apply condition {}: {}", condition.dedupKey(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Applying condition {} failed", condition.dedupKey(), e);
        }
    }

    /** One evaluation run: rules, then channel health. Failures are logged and counted; the next run tries again. */
    void evaluate() {
        Instant now = clock.instant();
        try {
            if (!recovered) {
                health.recover(RuleEvaluator.openAlerts(store));
                recovered = true;
            }
            rules.evaluate(now);
            for (Condition condition : health.conditions(store.channels(), RuleEvaluator.openAlerts(store), now)) {
                book.observe(condition, now);
            }
            book.notifyUnnotified(now);
            metrics.evaluations.increment();
        } catch (StoreException e) {
            metrics.evaluationFailures.increment();
            log.warn("Alert evaluation failed, trying again in {}: {}", config.evaluationInterval(), e.getMessage());
        } catch (RuntimeException e) {
            metrics.evaluationFailures.increment();
            log.error("Alert evaluation failed", e);
        }
    }

    /** Deletes what {@code alert.retention} no longer keeps; failures are logged and the next run tries again. */
    private void prune() {
        try {
            long deleted = retention.prune();
            if (deleted > 0) {
                log.info("Pruned {} alerting rows (signals, deliveries, history, incidents) past alert.retention {}",
                        deleted, config.retention());
            }
        } catch (StoreException e) {
            log.warn("Pruning alerting's past failed, trying again in {}: {}", PRUNE_INTERVAL, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Pruning alerting's past failed", e);
        }
    }

    /** Stops evaluating and delivering; running sends get a few seconds to finish before they are interrupted. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        evaluation.shutdown();
        dispatcher.close(CLOSE_GRACE);
        try {
            if (!evaluation.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                evaluation.shutdownNow();
            }
        } catch (InterruptedException e) {
            evaluation.shutdownNow();
            Thread.currentThread().interrupt();
        }
        post.close();
        log.info("Alerting stopped");
    }
}
