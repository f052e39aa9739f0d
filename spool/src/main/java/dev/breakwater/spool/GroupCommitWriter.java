package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import dev.breakwater.spool.AppendOutcome.Appended;
import dev.breakwater.spool.AppendOutcome.Busy;
import dev.breakwater.spool.AppendOutcome.Failed;
import dev.breakwater.spool.AppendOutcome.LaneFull;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that writes a lane's log, with group commit: appenders queue their records and get a future; the
 * thread takes everything queued, writes it with gathering writes (bodies straight from the callers' buffers), forces
 * once, and only then completes the futures. While a force runs new appends queue up, and the next force covers them
 * all, so the number of fsyncs follows the disk's pace rather than the number of appends. Nothing is acknowledged
 * before its force has returned.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li>Admission happens on the appender's thread and never waits: a record that would take the lane past its disk
 *       quota is refused as {@link LaneFull}, one that would take the bytes waiting past {@code spool.max-pending} as
 *       {@link Busy}. Waiting bytes count until their batch completes, so memory stays bounded while a force is slow.
 *   <li>A batch never spans segments: it ends with the record that fills the active segment, and the next one starts
 *       on a new segment, so each batch is one write and one force of one file.
 *   <li>Offsets, seqs and receive times are assigned here, in queue order, which makes them follow append order.
 *       A failed batch gives its offsets back (they must stay contiguous) but not its seqs (they need only increase).
 *   <li>Futures of batches of up to {@link #DIRECT_ACKNOWLEDGEMENTS} records are completed on this thread, larger
 *       batches on a virtual thread so their wake-ups overlap the next write. Callers must therefore not attach
 *       synchronous dependent stages (see {@link Lane#append}).
 *   <li>When a write or force fails the segment cuts itself back to its durable size; the batch is refused as
 *       {@link LaneFull} when the device is out of space and {@link Failed} otherwise, and the next batch tries
 *       again, so the lane recovers by itself once space returns.
 * </ul>
 *
 * <p>Threading: {@link #submit} from any number of threads; everything else on the writer thread, except the
 * counters, which are published through volatile fields for {@link LaneStats}.
 */
final class GroupCommitWriter {

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());

    /**
     * A batch this small is acknowledged on the writer thread: handing it to another thread would cost more than the
     * wake-ups themselves (measured here: one appender went from ~4.2k to ~6k acks/s, the raw fdatasync rate). Larger
     * batches are acknowledged on a virtual thread while the writer already writes the next one.
     */
    private static final int DIRECT_ACKNOWLEDGEMENTS = 4;

    private final String lane;
    private final Segments segments;
    private final RecordCodec codec;
    private final AtomicLong sequence;
    private final long segmentBytes;
    private final long quotaBytes;
    private final long maxPendingBytes;
    private final Runnable afterRoll;
    private final Thread thread;
    private final ExecutorService acknowledgements;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<QueuedAppend> queue = new ArrayDeque<>(); // guarded by lock
    private long pendingBytes; // guarded by lock: queued, and being written
    private String refusal; // guarded by lock: why appends are no longer taken; null while open
    private boolean closing; // guarded by lock

    // Writer thread only.
    private long lastReceivedAt;
    private boolean failing;

    // Written by the writer thread only, so a volatile is enough to publish them.
    private volatile long appendedRecords;
    private volatile long appendedBytes;
    private volatile long lastAppendedAt;
    private volatile long forces;
    private volatile CommitListener listener = CommitListener.NONE;

    private record QueuedAppend(
            RecordCodec.EncodedDraft draft, long receivedAt, CompletableFuture<AppendOutcome> outcome) {}

    GroupCommitWriter(
            String lane,
            Segments segments,
            RecordCodec codec,
            AtomicLong sequence,
            SpoolConfig config,
            long lastReceivedAt,
            Runnable afterRoll) {
        this.lane = requireNonNull(lane, "lane is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.sequence = requireNonNull(sequence, "sequence is null");
        this.segmentBytes = config.segmentBytes();
        this.quotaBytes = config.laneQuotaBytes().get(lane);
        this.maxPendingBytes = config.maxPendingBytes();
        this.afterRoll = requireNonNull(afterRoll, "afterRoll is null");
        this.lastReceivedAt = lastReceivedAt;
        this.lastAppendedAt = lastReceivedAt;
        this.thread = Thread.ofPlatform().name("spool-writer-" + lane).daemon().unstarted(this::run);
        this.acknowledgements =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("spool-ack-" + lane + "-", 0).factory());
    }

    void start() {
        thread.start();
    }

    /** Queues a record for the next group commit, or refuses it at once. Never blocks on I/O. */
    CompletableFuture<AppendOutcome> submit(RecordCodec.EncodedDraft draft, long receivedAt) {
        int frameBytes = draft.frameBytes();
        lock.lock();
        try {
            if (refusal != null) {
                return CompletableFuture.completedFuture(new Failed(refusal));
            }
            long used = segments.diskUsedBytes();
            if (used + pendingBytes + frameBytes > quotaBytes) {
                return CompletableFuture.completedFuture(new LaneFull(
                        used,
                        quotaBytes,
                        String.format(
                                "lane %s would exceed its quota of %d bytes: %d on disk, %d waiting,"
                                        + " %d for this record",
                                lane,
                                quotaBytes,
                                used,
                                pendingBytes,
                                frameBytes)));
            }
            // A record larger than the limit is still taken when nothing waits, or it could never be taken at all.
            if (pendingBytes > 0 && pendingBytes + frameBytes > maxPendingBytes) {
                return CompletableFuture.completedFuture(new Busy(pendingBytes));
            }
            QueuedAppend append = new QueuedAppend(draft, receivedAt, new CompletableFuture<>());
            queue.add(append);
            pendingBytes += frameBytes;
            queued.signal();
            return append.outcome();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking appends, writes and forces what is queued, and waits until every future is completed. */
    void close() {
        lock.lock();
        try {
            if (refusal == null) {
                refusal = "spool closed";
            }
            closing = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        acknowledgements.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void listener(CommitListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    long appendedRecords() {
        return appendedRecords;
    }

    long appendedBytes() {
        return appendedBytes;
    }

    long lastAppendedAt() {
        return lastAppendedAt;
    }

    /** How many batches have been forced: far fewer than the records they held when group commit does its job. */
    long forces() {
        return forces;
    }

    /** Records waiting to be taken by the writer. */
    int queuedRecords() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (awaitWork()) {
                commitNextBatch();
            }
        } catch (Error e) {
            // Out of memory or worse: take the lane offline rather than leave appenders waiting for ever.
            stop("lane " + lane + " writer stopped: " + e);
            throw e;
        }
    }

    /** Waits for queued records; false once closing and nothing is left. */
    private boolean awaitWork() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                queued.awaitUninterruptibly();
            }
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void commitNextBatch() {
        List<QueuedAppend> batch = List.of();
        AppendOutcome[] outcomes;
        try {
            Segment segment = activeSegmentWithRoom();
            batch = take(segmentBytes - segment.durableSize());
            outcomes = write(segment, batch);
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "lane {0}: appends succeed again", lane);
            }
        } catch (IOException | RuntimeException e) {
            if (batch.isEmpty()) {
                // Rolling failed before a batch was taken: whatever is queued would need the new segment too.
                batch = take(Long.MAX_VALUE);
            }
            outcomes = refusals(batch.size(), e);
        } catch (Error e) {
            complete(batch, refusals(batch.size(), new IOException(e)));
            throw e;
        }
        complete(batch, outcomes);
    }

    private Segment activeSegmentWithRoom() throws IOException {
        Segment active = segments.active();
        if (active.durableSize() < segmentBytes) {
            return active;
        }
        Segment next = segments.roll(new SegmentHeader(active.durableNextOffset(), sequence.get(), lastReceivedAt));
        afterRoll.run();
        return next;
    }

    /** The next batch: at least one record, then more while the segment stays below its size. */
    private List<QueuedAppend> take(long roomBytes) {
        lock.lock();
        try {
            List<QueuedAppend> batch = new ArrayList<>();
            long bytes = 0;
            do {
                QueuedAppend append = queue.poll();
                batch.add(append);
                bytes += append.draft().frameBytes();
            } while (bytes < roomBytes && !queue.isEmpty());
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private AppendOutcome[] write(Segment segment, List<QueuedAppend> batch) throws IOException {
        int count = batch.size();
        ByteBuffer[] buffers = new ByteBuffer[2 * count];
        int[] frameBytes = new int[count];
        AppendOutcome[] outcomes = new AppendOutcome[count];
        long offset = segment.durableNextOffset();
        long seq = sequence.getAndAdd(count);
        long receivedAt = lastReceivedAt;
        long total = 0;
        for (int i = 0; i < count; i++) {
            QueuedAppend append = batch.get(i);
            // Receive times never go back along a lane, even when the clock does.
            receivedAt = Math.max(receivedAt, append.receivedAt());
            ByteBuffer[] frame = codec.frame(append.draft(), seq + i, receivedAt);
            buffers[2 * i] = frame[0];
            buffers[2 * i + 1] = frame[1];
            frameBytes[i] = append.draft().frameBytes();
            total += frameBytes[i];
            outcomes[i] = new Appended(offset + i, seq + i, receivedAt);
        }
        long forceNanos = segment.append(buffers, frameBytes);
        segments.grew(total);
        lastReceivedAt = receivedAt;
        lastAppendedAt = receivedAt;
        appendedRecords += count;
        appendedBytes += total;
        forces++;
        listener.committed(lane, count, total, forceNanos);
        return outcomes;
    }

    private AppendOutcome[] refusals(int count, Exception e) {
        AppendOutcome refusal = outOfSpace(e)
                ? new LaneFull(segments.diskUsedBytes(), quotaBytes, "no space left on the device: " + e.getMessage())
                : new Failed("could not write lane " + lane + ": " + e);
        if (!failing) {
            // Once per run of failures: a full disk fails every batch until space returns.
            failing = true;
            LOG.log(Level.WARNING, "lane {0}: appends fail: {1}", lane, e.toString());
        }
        AppendOutcome[] outcomes = new AppendOutcome[count];
        Arrays.fill(outcomes, refusal);
        return outcomes;
    }

    private static boolean outOfSpace(Exception e) {
        // The JDK gives no errno; the message is strerror(ENOSPC) or strerror(EDQUOT).
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private void complete(List<QueuedAppend> batch, AppendOutcome[] outcomes) {
        long bytes = 0;
        for (QueuedAppend append : batch) {
            bytes += append.draft().frameBytes();
        }
        lock.lock();
        try {
            pendingBytes -= bytes;
        } finally {
            lock.unlock();
        }
        Runnable acknowledge = () -> {
            for (int i = 0; i < outcomes.length; i++) {
                batch.get(i).outcome().complete(outcomes[i]);
            }
        };
        if (batch.size() <= DIRECT_ACKNOWLEDGEMENTS) {
            acknowledge.run();
        } else {
            acknowledgements.execute(acknowledge);
        }
    }

    /** Refuses everything queued and everything that comes later. */
    private void stop(String reason) {
        List<QueuedAppend> dropped;
        lock.lock();
        try {
            refusal = reason;
            dropped = new ArrayList<>(queue);
            queue.clear();
            pendingBytes = 0;
        } finally {
            lock.unlock();
        }
        AppendOutcome failed = new Failed(reason);
        dropped.forEach(append -> append.outcome().complete(failed));
    }
}
