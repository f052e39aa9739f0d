package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.alert.Condition;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breakwater watching itself, always on: every {@code monitor.interval} its own daemon thread ({@code monitor}) takes
 * a {@link HealthSample}, hands every {@link InternalConditions internal condition} (active or not) to the
 * {@link ConditionSink}, and feeds the {@link HealthModel}'s assessments through the {@link StatusPublisher} to the
 * status page. Its figures are gauges in {@code /metrics} ({@link MonitorMetrics}).
 *
 * <p>Nothing here blocks another part of Breakwater: a failing sink or store is logged (once, until it recovers) and
 * the next sample tries again; the thread never dies of an exception. Thread-safe.
 */
public final class MonitorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

    private final MonitorConfig config;
    private final HealthSampler sampler;
    private final ConditionSink sink;
    private final StatusPublisher publisher;
    private final ScheduledExecutorService thread;
    private volatile HealthSample lastSample;
    private volatile int activeConditions;
    private boolean sinkFailing;

    MonitorService(MonitorConfig config, HealthSampler sampler, ConditionSink sink, StatusPublisher publisher) {
        this.config = requireNonNull(config, "config is null");
        this.sampler = requireNonNull(sampler, "sampler is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("monitor").daemon(true).factory());
    }

    /**
     * Registers the gauges and starts sampling at once, then every {@code interval}.
     *
     * @param registry where the ingest counters are read from and the gauges go
     */
    public static MonitorService start(
            MonitorConfig config,
            PipelineControl pipeline,
            Store store,
            MeterRegistry registry,
            ConditionSink sink,
            Clock clock) {
        MonitorService monitor = create(config, pipeline, store, registry, sink, clock);
        monitor.thread.scheduleWithFixedDelay(
                monitor::tick, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        return monitor;
    }

    /** The monitor with its gauges registered, not sampling yet: tests drive {@link #tick} themselves. */
    static MonitorService create(
            MonitorConfig config,
            PipelineControl pipeline,
            Store store,
            MeterRegistry registry,
            ConditionSink sink,
            Clock clock) {
        HealthSampler sampler = new HealthSampler(pipeline, store, registry, config.spoolDir(), config.storeFile(),
                config.thresholds(), config.storePingWindow(), clock);
        StatusPublisher publisher = new StatusPublisher(store, config.worsenAfter(), config.improveAfter());
        MonitorService monitor = new MonitorService(config, sampler, sink, publisher);
        MonitorMetrics.register(monitor, pipeline.lanes(), config.storeFile().isPresent(), registry);
        return monitor;
    }

    /** The components the status page lists for these lanes, in the page's order. */
    public static List<Component> components(List<String> lanes) {
        List<Component> components = new ArrayList<>();
        components.add(Component.INGEST);
        lanes.forEach(lane -> components.add(Component.processing(lane)));
        components.add(Component.NOTIFICATIONS);
        components.add(Component.WEB);
        return components;
    }

    /** The last sample taken, empty before the first. */
    public Optional<HealthSample> lastSample() {
        return Optional.ofNullable(lastSample);
    }

    /** The component's status as last published to the status page, if it was. */
    public Optional<ComponentStatus> published(Component component) {
        return publisher.published(component);
    }

    int activeConditions() {
        return activeConditions;
    }

    /** One round: sample, conditions to the sink, statuses to the page. Runs on the monitor thread (or a test's). */
    synchronized void tick() {
        try {
            HealthSample sample = sampler.sample();
            lastSample = sample;
            List<Condition> conditions = InternalConditions.from(sample, config.thresholds());
            activeConditions = (int) conditions.stream().filter(Condition::active).count();
            observe(conditions, sample);
            publisher.observe(HealthModel.assess(sample, config.thresholds()), sample.at());
        } catch (RuntimeException e) {
            // an exception would cancel the schedule: the monitor must outlive whatever it watches
            LOG.error("monitor sample failed; trying again in {}", config.interval(), e);
        }
    }

    private void observe(List<Condition> conditions, HealthSample sample) {
        Exception firstFailure = null;
        int failures = 0;
        for (Condition condition : conditions) {
            try {
                sink.observe(condition, sample.at());
            } catch (Exception e) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = e;
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // closing: the rest can wait for the next start
                    break;
                }
            }
        }
        if (firstFailure != null && !sinkFailing) {
            LOG.warn("alerting did not take {} of {} monitor conditions; retrying every sample: {}",
                    failures, conditions.size(), firstFailure.toString());
        } else if (firstFailure == null && sinkFailing) {
            LOG.info("alerting takes monitor conditions again");
        }
        sinkFailing = firstFailure != null;
    }

    /** Stops sampling; waits for a sample under way to end. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the monitor thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
