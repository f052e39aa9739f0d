package dev.breakwater.pipeline;

import static java.util.Objects.requireNonNull;

import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.LaneReader;
import dev.breakwater.spool.LaneStats;
import dev.breakwater.spool.RecordDraft;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.NodeMark;
import dev.breakwater.store.QuarantinedRecord;
import dev.breakwater.store.QuarantineWrite;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane consumers ({@link LaneWorker}, one thread per processed lane) and what operators see of them: the
 * processing delay, backlogs, rates, pause/resume and quarantine replay.
 *
 * <p>Processed lanes: {@code events} (Sentry and Rollbar errors and messages → issues and events), {@code deploys}
 * and {@code artifacts} (source maps and ProGuard mappings, in small batches: {@link ArtifactRecords}). The other
 * lanes keep their records in the spool (bounded by its quota) until their consumers exist.
 *
 * <p>The processing delay follows ARCHITECTURE.md: per ingest node and lane, receive time of the newest record the
 * node accepted minus receive time of its newest processed record, 0 when nothing is waiting; the node's delay is
 * its worst lane's, the service's the worst node's. Receive times come from the records themselves (the spool
 * recovers the newest on open, the store keeps the processed one in the checkpoint), so the figure survives restarts.
 * Thread-safe.
 */
public final class Pipeline implements PipelineControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private static final int REPLAY_CHUNK = 500;

    private final Spool spool;
    private final Store store;
    private final Clock clock;
    private final Map<String, LaneWorker> workers = new LinkedHashMap<>();
    private final Map<String, LaneProgress> progress = new LinkedHashMap<>();
    private final Map<String, RateWindow> rates = new ConcurrentHashMap<>();
    private final Map<String, Long> quarantined = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;
    private volatile PipelineStatus lastStatus;

    private Pipeline(Spool spool, Store store, Clock clock) {
        this.spool = requireNonNull(spool, "spool is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pipeline-sampler").daemon(true).factory());
    }

    /** Starts a consumer for each processed lane the spool has. */
    public static Pipeline start(PipelineConfig config, Spool spool, Store store, Clock clock) {
        Pipeline pipeline = new Pipeline(spool, store, clock);
        Map<String, RecordProcessor> processors = new LinkedHashMap<>();
        processors.put("events", new EventRecords());
        processors.put("deploys", new DeployRecords());
        processors.put("artifacts", new ArtifactRecords());
        Map<String, PipelineConfig> configs = Map.of("artifacts", ArtifactRecords.batchConfig(config));
        for (Map.Entry<String, RecordProcessor> entry : processors.entrySet()) {
            Lane lane;
            try {
                lane = spool.lane(entry.getKey());
            } catch (IllegalArgumentException e) {
                continue; // a spool configured without this lane
            }
            LaneProgress laneProgress = new LaneProgress(lane.name());
            pipeline.progress.put(lane.name(), laneProgress);
            pipeline.rates.put(lane.name(), new RateWindow());
            PipelineConfig laneConfig = configs.getOrDefault(lane.name(), config);
            pipeline.workers.put(lane.name(), new LaneWorker(lane, entry.getValue(), store, laneConfig, laneProgress));
        }
        pipeline.workers.values().forEach(LaneWorker::start);
        pipeline.sampler.scheduleAtFixedRate(pipeline::sample, 0, 1, TimeUnit.SECONDS);
        return pipeline;
    }

    @Override
    public List<String> lanes() {
        return List.copyOf(workers.keySet());
    }

    /** The lane's in-memory progress, for metrics. */
    LaneProgress progress(String lane) {
        return progress.get(lane);
    }

    /** The status as of the last second's sample (cheap: for metrics gauges). */
    public PipelineStatus lastStatus() {
        PipelineStatus status = lastStatus;
        return status != null ? status : status();
    }

    @Override
    public PipelineStatus status() {
        Instant now = clock.instant();
        String localNode = spool.nodeId();
        List<LaneStatus> lanes = new ArrayList<>();
        Map<String, NodeAccumulator> nodes = new TreeMap<>();
        double etaSeconds = 0;
        boolean etaKnown = true;
        boolean anyBacklog = false;
        for (Map.Entry<String, LaneProgress> entry : progress.entrySet()) {
            String name = entry.getKey();
            LaneProgress p = entry.getValue();
            Lane lane = spool.lane(name);
            LaneStats stats = lane.stats();
            long committed = p.committedOffset() < 0 ? stats.slowestConsumerOffset() : p.committedOffset();
            long backlog = Math.max(0, stats.nextOffset() - committed);
            long span = Math.max(1, stats.nextOffset() - stats.oldestOffset());
            long backlogBytes = backlog == 0 ? 0 : Math.min(stats.diskUsedBytes(), stats.diskUsedBytes() * backlog / span);
            Optional<Long> oldestWaiting = backlog == 0 ? Optional.empty() : receivedAt(lane, committed);
            double oldestAge = oldestWaiting.map(t -> Math.max(0, now.toEpochMilli() - t) / 1000.0).orElse(0.0);

            Map<String, NodeMark> marks = p.nodes();
            double laneDelay = 0;
            if (backlog > 0 && stats.lastAppendedAt() > 0) {
                long processedAt = Optional.ofNullable(marks.get(localNode))
                        .map(NodeMark::lastReceivedAtMillis)
                        .or(() -> oldestWaiting)
                        .orElse(stats.lastAppendedAt());
                laneDelay = Math.max(0, stats.lastAppendedAt() - processedAt) / 1000.0;
            }
            NodeAccumulator local = nodes.computeIfAbsent(localNode, NodeAccumulator::new);
            local.accepted(stats.lastAppendedAt());
            local.delay(laneDelay);
            marks.forEach((node, mark) -> nodes.computeIfAbsent(node, NodeAccumulator::new)
                    .processed(mark.lastReceivedAtMillis()));

            RateWindow window = rates.get(name);
            double in = window.inPerSecond();
            double out = window.outPerSecond();
            if (backlog > 0) {
                anyBacklog = true;
                Optional<Double> laneEta = p.state() == LaneState.PAUSED ? Optional.empty() : eta(backlog, in, out);
                if (laneEta.isPresent()) {
                    etaSeconds = Math.max(etaSeconds, laneEta.get());
                } else {
                    etaKnown = false;
                }
            }
            lanes.add(new LaneStatus(
                    name,
                    p.state(),
                    backlog,
                    backlogBytes,
                    oldestAge,
                    laneDelay,
                    in,
                    out,
                    quarantineCount(name),
                    stats.quotaBytes(),
                    stats.diskUsedBytes(),
                    p.lastError()));
        }
        List<NodeDelay> nodeDelays = nodes.values().stream().map(NodeAccumulator::toDelay).toList();
        double delay = nodeDelays.stream().mapToDouble(NodeDelay::delaySeconds).max().orElse(0);
        Optional<Double> eta = anyBacklog && etaKnown ? Optional.of(etaSeconds) : Optional.empty();
        return new PipelineStatus(delay, eta, nodeDelays, lanes);
    }

    /** Backlog over net drain rate; empty when nothing waits or the backlog is not shrinking. */
    static Optional<Double> eta(long backlog, double inPerSecond, double outPerSecond) {
        double drain = outPerSecond - inPerSecond;
        return backlog > 0 && drain > 0 ? Optional.of(backlog / drain) : Optional.empty();
    }

    @Override
    public void pause(String lane) throws PipelineException {
        LaneProgress p = known(lane);
        try {
            store.setPaused(lane, true);
        } catch (StoreException e) {
            throw new PipelineException("could not pause lane " + lane + ": " + e.getMessage(), false, e);
        }
        p.paused(true);
    }

    @Override
    public void resume(String lane) throws PipelineException {
        LaneProgress p = known(lane);
        try {
            store.setPaused(lane, false);
        } catch (StoreException e) {
            throw new PipelineException("could not resume lane " + lane + ": " + e.getMessage(), false, e);
        }
        p.paused(false);
        rates.get(lane).reset(); // the catch-up ETA then divides by the drain rate since the resume, not by a pause
        workers.get(lane).wake();
    }

    @Override
    public int replayQuarantine(String lane) throws PipelineException, IOException {
        known(lane);
        Lane spoolLane = spool.lane(lane);
        int replayed = 0;
        long total;
        try {
            total = store.quarantineCount(lane);
        } catch (StoreException e) {
            throw new PipelineException("could not read the quarantine of " + lane + ": " + e.getMessage(), false, e);
        }
        // records that fail again while this runs come back with new ids: stop after what was there at the start
        long handled = 0;
        while (handled < total) {
            List<QuarantinedRecord> chunk;
            try {
                chunk = store.quarantine(lane, REPLAY_CHUNK);
            } catch (StoreException e) {
                throw new PipelineException("could not read the quarantine of " + lane + ": " + e.getMessage(), false, e);
            }
            List<Long> done = new ArrayList<>();
            for (QuarantinedRecord quarantinedRecord : chunk.subList(0, (int) Math.min(chunk.size(), total - handled))) {
                QuarantineWrite r = quarantinedRecord.record();
                if (r.body().length > 0) {
                    // a new record with the original header fields; if it fails again it comes back here
                    AppendOutcome outcome = spoolLane.append(new RecordDraft(
                                    r.project(), r.source(), r.contentType(), r.encoding(), ByteBuffer.wrap(r.body())))
                            .join();
                    if (!(outcome instanceof AppendOutcome.Appended)) {
                        throw new IOException("could not re-queue quarantined record " + quarantinedRecord.id()
                                + " into lane " + lane + ": " + outcome);
                    }
                    replayed++;
                }
                // a damaged-range note has nothing to replay: it is removed with the others
                done.add(quarantinedRecord.id());
            }
            try {
                store.deleteQuarantined(lane, done);
            } catch (StoreException e) {
                // re-queued but still listed: replaying again would queue them twice, which event ids make harmless
                throw new PipelineException("re-queued " + replayed + " records of " + lane
                        + " but could not remove them from the quarantine: " + e.getMessage(), false, e);
            }
            handled += done.size();
            if (chunk.size() < REPLAY_CHUNK) {
                break;
            }
        }
        quarantined.remove(lane);
        return replayed;
    }

    /** Stops every consumer after its current batch. The spool and store stay open: their owner closes them. */
    @Override
    public void close() {
        sampler.shutdownNow();
        for (LaneWorker worker : workers.values()) {
            try {
                worker.stop(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sample() {
        try {
            long now = System.nanoTime();
            progress.forEach((name, p) -> {
                LaneStats stats = spool.lane(name).stats();
                boolean restored = p.committedOffset() >= 0;
                long out = restored ? p.committedOffset() : stats.slowestConsumerOffset();
                rates.get(name).sample(now, stats.nextOffset(), out, restored);
            });
            lastStatus = status();
        } catch (RuntimeException e) {
            log.warn("pipeline sampling failed", e);
        }
    }

    private long quarantineCount(String lane) {
        try {
            long count = store.quarantineCount(lane);
            quarantined.put(lane, count);
            return count;
        } catch (StoreException e) {
            return quarantined.getOrDefault(lane, 0L); // the last known count while the store is away
        }
    }

    private Optional<Long> receivedAt(Lane lane, long offset) {
        try (LaneReader reader = lane.reader(offset)) {
            List<SpoolRecord> first = reader.poll(1, 1);
            return first.isEmpty() ? Optional.empty() : Optional.of(first.getFirst().header().receivedAt());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // deleted or damaged meanwhile: the age is unknown for this sample
        }
    }

    private LaneProgress known(String lane) throws PipelineException {
        LaneProgress p = progress.get(lane);
        if (p == null) {
            throw new PipelineException(
                    "no lane '" + lane + "'; lanes are " + String.join(", ", workers.keySet()), true, null);
        }
        return p;
    }

    /** One node's figures, gathered over the lanes. */
    private static final class NodeAccumulator {
        private final String node;
        private long lastReceived;
        private long lastProcessed;
        private double delay;

        NodeAccumulator(String node) {
            this.node = node;
        }

        void accepted(long at) {
            lastReceived = Math.max(lastReceived, at);
        }

        void processed(long at) {
            lastProcessed = Math.max(lastProcessed, at);
        }

        void delay(double seconds) {
            delay = Math.max(delay, seconds);
        }

        NodeDelay toDelay() {
            return new NodeDelay(
                    node,
                    lastReceived > 0 ? Optional.of(Instant.ofEpochMilli(lastReceived)) : Optional.empty(),
                    lastProcessed > 0 ? Optional.of(Instant.ofEpochMilli(lastProcessed)) : Optional.empty(),
                    delay);
        }
    }
}
