package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One lane's log: {@code <spool directory>/<lane>/}, holding its segments ({@code <base offset>.seg}, see
 * {@link Segment}) and its consumers' positions ({@code consumers/<name>.pos}, see {@link ConsumerPosition}).
 *
 * <p>Offsets number the lane's records 0, 1, 2, ... without gaps. Appends are made durable by group commit
 * ({@link GroupCommitWriter}); readers see only durable records; sealed segments are deleted once every consumer is
 * past them ({@link Retention}).
 *
 * <p>Thread-safe: any number of threads may append, while readers and consumers, each on one thread at a time,
 * read.
 */
public final class Lane {

    static final String CONSUMERS = "consumers";

    private final String name;
    private final Clock clock;
    private final RecordCodec codec;
    private final Segments segments;
    private final Retention retention;
    private final GroupCommitWriter writer;
    private final long quotaBytes;

    private Lane(
            String name,
            Clock clock,
            RecordCodec codec,
            Segments segments,
            Retention retention,
            GroupCommitWriter writer,
            long quotaBytes) {
        this.name = requireNonNull(name, "name is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.quotaBytes = quotaBytes;
    }

    /**
     * Opens a recovered lane and starts its writer. On failure, closes what it was given.
     *
     * @param sequence the node's sequence counter, already above every seq on disk
     */
    static Lane open(
            Recovery.Result recovered, SpoolConfig config, Clock clock, AtomicLong sequence, ChannelFactory channels)
            throws IOException {
        String name = recovered.lane();
        Path directory = recovered.directory();
        List<Segment> found = recovered.segments();
        try {
            if (found.isEmpty()) {
                SegmentHeader first =
                        new SegmentHeader(recovered.nextOffset(), sequence.get(), recovered.lastReceivedAt());
                found = List.of(Segment.create(name, directory, first, channels));
            }
            Segments segments = new Segments(name, directory, found, channels);
            Retention retention = Retention.load(name, segments, directory.resolve(CONSUMERS));
            RecordCodec codec = new RecordCodec(name, config.nodeId());
            GroupCommitWriter writer = new GroupCommitWriter(
                    name, segments, codec, sequence, config, recovered.lastReceivedAt(), retention::enforce);
            Lane lane = new Lane(
                    name, clock, codec, segments, retention, writer, config.laneQuotaBytes().get(name));
            retention.enforce();
            writer.start();
            return lane;
        } catch (IOException | RuntimeException e) {
            found.forEach(Segment::close);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /**
     * Appends a record. The future completes once the record is forced to disk (group commit) with
     * {@link AppendOutcome.Appended}, or with the reason it was refused; it never completes exceptionally.
     * Refusals that need no I/O ({@link AppendOutcome.LaneFull} from the quota, {@link AppendOutcome.Busy}, and
     * {@link AppendOutcome.Failed} after close) come back already completed.
     *
     * <p>The body is written from the draft's buffer without a copy: its bytes must not change until the future
     * completes. Futures of small group commits are completed on the lane's writer thread (cheapest for a lone
     * appender), larger ones on a virtual thread: wait with {@code get()}/{@code join()} or attach dependent stages
     * with the {@code *Async} methods, so that no caller's code ever runs on the writer thread.
     *
     * @throws IllegalArgumentException when a header string is longer than 65535 bytes of UTF-8, or the record larger
     *     than 1GiB: limits ingest enforces long before
     */
    public CompletableFuture<AppendOutcome> append(RecordDraft draft) {
        requireNonNull(draft, "draft is null");
        return writer.submit(codec.encode(draft), clock.millis());
    }

    /**
     * A named consumer with a persistent position; a new one starts at the oldest record still on disk, and holds
     * the lane's segments from then on (see {@link LaneConsumer}).
     *
     * @throws IllegalStateException when a consumer of that name is already open
     */
    public LaneConsumer consumer(String name) throws IOException {
        ConsumerPosition position = retention.attach(name);
        try {
            Cursor cursor = Cursor.open(segments, position.committed());
            return new NamedConsumer(this.name, position, cursor, segments, retention);
        } catch (IOException | RuntimeException e) {
            retention.detach(position);
            throw e;
        }
    }

    /**
     * Reads from an offset without moving any consumer: for tests, tools and the read API. Such a reader does not
     * hold segments: if consumers let the segment it is about to enter be deleted, its poll throws an
     * {@link IOException} saying so.
     *
     * @throws IllegalArgumentException when {@code fromOffset} is not between the oldest offset on disk and the next
     */
    public LaneReader reader(long fromOffset) throws IOException {
        requireArgument(
                fromOffset >= segments.oldestOffset() && fromOffset <= segments.nextOffset(),
                "lane %s holds offsets [%d, %d], cannot read from %d",
                name,
                segments.oldestOffset(),
                segments.nextOffset(),
                fromOffset);
        return Cursor.open(segments, fromOffset);
    }

    /** Registers the one listener told of each group commit (replacing any earlier one). */
    public void onCommit(CommitListener listener) {
        writer.listener(listener);
    }

    /** A point-in-time view, from memory only. */
    public LaneStats stats() {
        long oldest = segments.oldestOffset();
        return new LaneStats(
                name,
                segments.nextOffset(),
                oldest,
                segments.diskUsedBytes(),
                quotaBytes,
                writer.appendedRecords(),
                writer.appendedBytes(),
                writer.lastAppendedAt(),
                retention.slowestCommitted(oldest),
                writer.forces());
    }

    /** How many group commits have been forced since open. */
    long forces() {
        return writer.forces();
    }

    /** Records waiting for the writer to take them. */
    int queuedRecords() {
        return writer.queuedRecords();
    }

    /** The segment files, oldest first. */
    List<Path> segmentFiles() {
        return segments.files();
    }

    /** Stops taking appends, writes and forces what is queued, completes every future, closes the active segment. */
    void close() {
        writer.close();
        segments.close();
    }
}
