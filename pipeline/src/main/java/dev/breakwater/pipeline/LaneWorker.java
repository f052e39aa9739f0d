package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import dev.breakwater.spool.CorruptRecordException;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.LaneConsumer;
import dev.breakwater.spool.LaneStats;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.BatchOutcome;
import dev.breakwater.store.LaneCheckpoint;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of one lane, on its own threads: reads a batch of spool records, turns them into store writes with the
 * lane's {@link RecordProcessor}, and applies them together with the lane checkpoint in one store transaction.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>The store's checkpoint is the truth.</b> On start the consumer seeks to the checkpoint's offset, not to the
 *       spool consumer's own position; the spool position is committed only after the store transaction, at most
 *       once a second and at stop, and only so that the spool can delete segments. A crash between the two replays
 *       nothing: the next start seeks to the store's offset. Records before the checkpoint are therefore applied
 *       exactly once in effect, and event ids are unique in the store besides, so an SDK that sends the same event
 *       twice is counted once.
 *   <li><b>Transient store failures</b> (unreachable, disk full, lock timeout) are retried with capped exponential
 *       back-off, the same batch again, the lane showing {@code retrying} and the error; nothing is skipped. Other lanes
 *       and ingest are not involved: each lane has its own thread and the spool keeps accepting up to its quota.
 *   <li><b>Deterministic failures</b>: a record that does not decode goes to the quarantine with the reason, in the
 *       same transaction as the rest of its batch. When the store refuses a batch for a reason retrying cannot fix,
 *       the batch is applied again record by record, and the record the store refuses is quarantined.
 *   <li>A damaged spool frame (disk damage; recovery already cut torn tails) is noted in the quarantine as the lost
 *       range and skipped once the spool can say where the next readable record is; until then the lane is
 *       {@code retrying} with the spool's message.
 *   <li><b>Two threads, one order.</b> A reader thread polls the spool and decodes, a writer thread applies batches
 *       in the order read; at most {@link #QUEUED_BATCHES} decoded batches wait between them (bounded memory). So
 *       decoding the next batch overlaps the store transaction of the previous one. The spool consumer belongs to the
 *       reader thread, which also records the spool position the writer has reached.
 *   <li><b>A second decoder only while the writer waits.</b> A large poll is decoded in two halves at once, on the
 *       reader and a decoder thread, only when the writer spent a good share of the time since the previous poll
 *       waiting for batches: then decoding is what holds the lane back. When the writer is the bottleneck, a second
 *       decoding thread only takes CPU from it (two cores, three busy threads).
 *   <li><b>Linger.</b> While the lane keeps up, polls start at most once per {@link PipelineConfig#linger}, so that
 *       a moderate, steady load makes batches of some size instead of one store transaction per few records: what a
 *       transaction costs beyond its rows (commit, issue upserts, count roll-ups) is then paid once per linger. A
 *       lane with a backlog polls again at once.
 *   <li>Pausing takes effect between batches and is persisted in the store, so a paused lane stays paused across
 *       restarts. Waiting is done by parking or timed polls, never by interrupting: an interrupt could break a JDBC
 *       connection.
 * </ul>
 */
final class LaneWorker implements Runnable {
    /** The spool consumer's name: one per lane, whose position lags the store's checkpoint. */
    static final String CONSUMER = "pipeline";

    /** Decoded batches waiting for the writer; with one being written and one being read, three in memory at most. */
    static final int QUEUED_BATCHES = 1;
    /** A poll of at least this many records, while the writer waits, is decoded in two halves at once (reader, decoder). */
    static final int SPLIT_RECORDS = 64;
    /** The share of its time the writer must have waited for batches for decoding to count as the bottleneck. */
    static final double STARVING_SHARE = 0.25;
    /**
     * The spool position is persisted at most this often while the lane runs, and at stop. Each commit forces a file
     * and its directory: once per batch, that was about 6 % of the reading thread's time while draining a backlog
     * (two device flushes per batch besides, beside ingest's group commits on the same disk). The position only lets
     * the spool delete segments; where processing resumes is the store's checkpoint.
     */
    static final long SPOOL_COMMIT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long the reader, stopping, waits for the writer's last transaction before it records the spool position. */
    private static final Duration WRITER_STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

    private final Lane lane;
    private final RecordProcessor processor;
    private final Store store;
    private final PipelineConfig config;
    private final LaneProgress progress;
    private final Backoff backoff;
    private final BlockingQueue<Batch> decoded = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private volatile boolean stopping;
    private volatile Thread reader;
    private volatile Thread writer;
    private final ExecutorService decoder;
    /** How much of its time the writer spends waiting for decoded batches. */
    private final WaitShare writerWaiting = new WaitShare(STARVING_SHARE, System.nanoTime());
    /** Spool offset up to which the writer has applied everything; -1 until its first batch. */
    private volatile long appliedOffset = -1;
    private long spoolCommitted = -1;
    private long spoolCommittedAt;

    LaneWorker(Lane lane, RecordProcessor processor, Store store, PipelineConfig config, LaneProgress progress) {
        this.lane = lane;
        this.processor = processor;
        this.store = store;
        this.config = config;
        this.progress = progress;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.decoder = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("pipeline-" + lane.name() + "-decode").daemon(true).factory());
    }

    void start() {
        reader = Thread.ofPlatform().name("pipeline-" + lane.name() + "-read").unstarted(this);
        writer = Thread.ofPlatform().name("pipeline-" + lane.name() + "-write").unstarted(this::writeLoop);
        writer.start();
        reader.start();
    }

    /** Asks the consumer to stop after its current store transaction, and waits for it. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        for (Thread t : new Thread[] {writer, reader}) {
            if (t != null) {
                LockSupport.unpark(t);
                if (!t.join(timeout)) {
                    log.warn("lane {}: {} still busy after {}; leaving it to finish", lane.name(), t.getName(), timeout);
                }
            }
        }
        decoder.shutdown(); // after the reader, its only user, is gone
    }

    /** Wakes the consumer, e.g. after resume. */
    void wake() {
        Thread t = reader;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The reader thread: spool → decoded batches. */
    @Override
    public void run() {
        try (LaneConsumer consumer = lane.consumer(CONSUMER)) {
            if (!seekToCheckpoint(consumer)) {
                return;
            }
            long lingerNanos = config.linger().toNanos();
            long nextPollAt = System.nanoTime();
            while (!stopping) {
                commitSpool(consumer, false);
                if (progress.isPaused()) {
                    progress.running();
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    continue;
                }
                long untilPoll = nextPollAt - System.nanoTime();
                if (untilPoll > 0) {
                    LockSupport.parkNanos(untilPoll); // may return early: the loop checks again
                    continue;
                }
                long pollStart = System.nanoTime();
                Batch batch = read(consumer);
                if (batch == null) {
                    continue;
                }
                if (batch.builder().isEmpty()) {
                    LockSupport.parkNanos(config.idlePoll().toNanos());
                    continue;
                }
                // caught up: let the next records gather a while; behind: the next batch is waiting already
                boolean caughtUp = batch.builder().nextOffset() >= lane.stats().nextOffset();
                nextPollAt = caughtUp ? pollStart + lingerNanos : pollStart;
                while (!stopping && !decoded.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    commitSpool(consumer, false); // the writer is behind: meanwhile let the spool free what it applied
                }
            }
            // the writer's last batch belongs in the final position: it stops after its current transaction
            Thread w = writer;
            if (w != null && w != Thread.currentThread()) {
                w.join(WRITER_STOP_WAIT);
            }
            commitSpool(consumer, true);
        } catch (IOException | RuntimeException e) {
            progress.retrying("consumer stopped: " + e);
            log.error("lane {}: consumer stopped", lane.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread: decoded batches → store transactions, in the order read. */
    private void writeLoop() {
        try {
            while (!stopping) {
                long waitStart = System.nanoTime();
                Batch batch = decoded.poll(100, TimeUnit.MILLISECONDS);
                writerWaiting.waited(System.nanoTime() - waitStart);
                if (batch != null) {
                    write(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            progress.retrying("writer stopped: " + e);
            log.error("lane {}: writer stopped", lane.name(), e);
        }
    }

    /** Finds the store's checkpoint (retrying while the store is away) and moves the spool consumer there. */
    private boolean seekToCheckpoint(LaneConsumer consumer) throws IOException {
        while (!stopping) {
            try {
                Optional<LaneCheckpoint> checkpoint = store.checkpoint(lane.name());
                long offset = checkpoint.map(LaneCheckpoint::nextOffset).orElse(consumer.committed());
                LaneStats stats = lane.stats();
                if (offset < stats.oldestOffset()) {
                    log.error(
                            "lane {}: the store's checkpoint is at offset {} but the spool starts at {}: records in"
                                    + " between were deleted without being processed (was the spool or the store"
                                    + " replaced?); continuing at {}",
                            lane.name(), offset, stats.oldestOffset(), stats.oldestOffset());
                    offset = stats.oldestOffset();
                } else if (offset > stats.nextOffset()) {
                    log.error(
                            "lane {}: the store's checkpoint is at offset {} but the spool ends at {} (was the spool"
                                    + " replaced?); continuing at the spool consumer's position {}",
                            lane.name(), offset, stats.nextOffset(), consumer.committed());
                    offset = consumer.committed();
                }
                consumer.seek(offset);
                progress.restored(
                        offset,
                        checkpoint.map(LaneCheckpoint::nodes).orElse(Map.of()),
                        checkpoint.map(LaneCheckpoint::paused).orElse(false));
                progress.running();
                backoff.reset();
                return true;
            } catch (StoreException e) {
                failedTransiently("reading the checkpoint failed: " + e.getMessage());
            }
        }
        return false;
    }

    /** The records one poll returns, decoded into a batch; null when the spool reported damage it cannot skip yet. */
    private Batch read(LaneConsumer consumer) throws IOException {
        List<SpoolRecord> records;
        try {
            records = consumer.poll(config.batchRecords(), config.batchBytes());
        } catch (CorruptRecordException e) {
            if (e.resumeOffset() < 0) {
                failedTransiently(e.getMessage());
                return null;
            }
            log.error("lane {}: skipping damaged records [{}, {}): {}",
                    lane.name(), e.offset(), e.resumeOffset(), e.getMessage());
            BatchBuilder builder = new BatchBuilder(lane.name());
            builder.quarantineDamaged(e.offset(), "spool records [" + e.offset() + ", " + e.resumeOffset()
                    + ") are damaged on disk and were skipped: " + e.getMessage());
            builder.advanceTo(e.resumeOffset());
            consumer.seek(e.resumeOffset());
            return new Batch(builder, List.of());
        }
        if (records.size() < SPLIT_RECORDS || !writerWaiting.exceeded(System.nanoTime())) {
            return new Batch(decode(records), records);
        }
        // the writer is waiting for batches: decode both halves at once
        int half = records.size() / 2;
        Future<BatchBuilder> first = decoder.submit(() -> decode(records.subList(0, half)));
        BatchBuilder second = decode(records.subList(half, records.size()));
        BatchBuilder builder;
        try {
            builder = first.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("decoding failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        }
        builder.append(second);
        return new Batch(builder, records);
    }

    private BatchBuilder decode(List<SpoolRecord> records) {
        BatchBuilder builder = new BatchBuilder(lane.name());
        for (SpoolRecord record : records) {
            process(record, builder);
        }
        return builder;
    }

    private void process(SpoolRecord record, BatchBuilder builder) {
        try {
            processor.process(record, builder);
        } catch (DecodeException e) {
            builder.quarantine(record, e.getMessage());
        } catch (RuntimeException e) {
            // decoders are total; this is our bug, and the record must still not block the lane
            log.error("lane {}: record {} failed unexpectedly", lane.name(), record.offset(), e);
            builder.quarantine(record, "unexpected failure while processing: " + e);
        }
        builder.processed(record);
    }

    private void write(Batch batch) {
        Optional<StoreException> refused = applyRetrying(batch.builder());
        if (refused.isEmpty()) {
            applied(batch.builder().nextOffset());
            return;
        }
        log.warn("lane {}: the store refused a batch of {} records ({}); applying them one by one",
                lane.name(), batch.records().size(), refused.get().getMessage());
        for (SpoolRecord record : batch.records()) {
            BatchBuilder single = new BatchBuilder(lane.name());
            process(record, single);
            Optional<StoreException> singleRefused = applyRetrying(single);
            if (singleRefused.isPresent()) {
                BatchBuilder quarantined = new BatchBuilder(lane.name());
                quarantined.quarantine(record, "the store refused it: " + singleRefused.get().getMessage());
                quarantined.processed(record);
                while (!stopping && applyRetrying(quarantined).isPresent()) {
                    failedTransiently("the store refuses even the quarantine entry of record " + record.offset());
                }
            }
            if (stopping) {
                return;
            }
        }
        applied(batch.builder().nextOffset());
    }

    private void applied(long nextOffset) {
        if (progress.committedOffset() >= nextOffset) {
            appliedOffset = nextOffset;
        } // else stopping before it was applied: the next start reads it again from the store's checkpoint
    }

    /**
     * Applies the batch, waiting out transient failures. Returns a failure retrying cannot fix, or empty once
     * applied (or when stopping: the batch is then applied by the next start).
     */
    private Optional<StoreException> applyRetrying(BatchBuilder builder) {
        while (!stopping) {
            try {
                BatchOutcome outcome = store.apply(builder.build());
                progress.committed(
                        builder.nextOffset(),
                        builder.nodes(),
                        builder.records(),
                        outcome.inserted(),
                        outcome.duplicates(),
                        builder.quarantinedCount());
                backoff.reset();
                return Optional.empty();
            } catch (StoreException e) {
                if (!e.isTransient()) {
                    return Optional.of(e);
                }
                failedTransiently(e.getMessage());
            } catch (RuntimeException e) {
                log.error("lane {}: store write failed unexpectedly", lane.name(), e);
                return Optional.of(new StoreException(e.toString(), false, e));
            }
        }
        return Optional.empty();
    }

    private void failedTransiently(String error) {
        progress.retrying(error);
        Duration wait = backoff.next();
        log.warn("lane {}: {}; retrying in {} ms", lane.name(), error, wait.toMillis());
        LockSupport.parkNanos(wait.toNanos());
    }

    /** Records in the spool how far the writer got, so that the spool can delete segments it no longer needs. */
    private void commitSpool(LaneConsumer consumer, boolean now) {
        long nextOffset = appliedOffset;
        if (nextOffset <= spoolCommitted) {
            return;
        }
        long at = System.nanoTime();
        if (!now && spoolCommitted >= 0 && at - spoolCommittedAt < SPOOL_COMMIT_INTERVAL_NANOS) {
            return;
        }
        try {
            consumer.commit(nextOffset);
            spoolCommitted = nextOffset;
            spoolCommittedAt = at;
        } catch (IOException | IllegalArgumentException e) {
            // harmless for correctness: the store's checkpoint decides where processing resumes; the spool only keeps
            // segments a little longer
            log.warn("lane {}: could not record the spool position {}: {}", lane.name(), nextOffset, e.getMessage());
        }
    }

    private record Batch(BatchBuilder builder, List<SpoolRecord> records) {}
}
