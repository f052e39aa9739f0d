package dev.breakwater.spool;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a lane's log, holding records [baseOffset, durableNextOffset) as length + CRC32C frames.
 *
 * <p>On disk: named after its base offset zero-padded to 20 digits ({@code 00000000000000000000.seg}); a
 * {@link SegmentHeader}, then {@link Frame}s back to back, each holding one record ({@link RecordCodec}).
 *
 * <p>Invariants: bytes [0, durableSize) have been forced and hold exactly the records [baseOffset,
 * durableNextOffset). Nothing past durableSize is trusted: after a failed write or force the file is cut back to
 * durableSize before anything else is written, so a later frame never follows garbage. After a crash,
 * {@link Recovery} truncates a torn tail.
 *
 * <p>Preallocation: the active segment's file runs up to {@link #PREALLOCATE_BYTES} past its records, in zeros
 * written and forced with an earlier append. A force that only overwrites blocks the file already has is one data
 * write and a cache flush; one that grows the file must also write the inode (ext4 writes it synchronously, a second
 * I/O, about a quarter of the spool writer's CPU at 4,100 appends/s on this project's VM). So the file grows, and
 * its inode is written, once per {@link #PREALLOCATE_BYTES} of records instead of on every force. The zeros are never
 * a record: readers stop at durableSize, {@link Recovery} cuts them as a torn tail (a zero length is no frame), and a
 * segment is cut back to its records before it is sealed or closed, so sealed segments end at their last record as
 * before.
 *
 * <p>Threading: only the lane's writer thread appends, and only to the active segment; once rolled a segment is
 * sealed and never written again. The durable end is published through volatile fields, which readers read before
 * touching the file, so they only ever see forced records. Readers read through channels of their own
 * ({@link #openReadChannel}), never the writer's: an interrupted reader closes only its own channel.
 */
final class Segment {

    private static final System.Logger LOG = System.getLogger(Segment.class.getName());
    private static final String SUFFIX = ".seg";
    /** How far past its records the active segment's file is kept written (in zeros). */
    static final int PREALLOCATE_BYTES = 256 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREALLOCATE_BYTES).asReadOnlyBuffer();

    private final String lane;
    private final Path file;
    private final long baseOffset;
    private final OffsetIndex index;
    private final ChannelFactory channels;

    /** The writer's channel; null once sealed, and for segments found sealed at open. Writer thread only. */
    private FileChannel channel;
    /** Whether the file may hold bytes past durableSize that must be cut before the next write. Writer thread only. */
    private boolean damaged;
    /** The file's size: durableSize plus the zeros written ahead. Writer thread only. */
    private long allocatedSize;
    /** False once writing zeros ahead failed (a full disk): this segment then grows with its records. Writer only. */
    private boolean preallocating = true;

    private volatile long durableSize;
    private volatile long durableNextOffset;
    private volatile boolean sealed;

    private Segment(
            String lane,
            Path file,
            long baseOffset,
            FileChannel channel,
            long durableSize,
            long durableNextOffset,
            OffsetIndex index,
            ChannelFactory channels) {
        this.lane = requireNonNull(lane, "lane is null");
        this.file = requireNonNull(file, "file is null");
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.durableSize = durableSize;
        this.allocatedSize = durableSize;
        this.durableNextOffset = durableNextOffset;
        this.sealed = channel == null;
        this.index = requireNonNull(index, "index is null");
        this.channels = requireNonNull(channels, "channels is null");
    }

    /** Creates a segment file, its header forced and its directory entry too, ready for appends. */
    static Segment create(String lane, Path directory, SegmentHeader header, ChannelFactory channels)
            throws IOException {
        Path file = directory.resolve(fileName(header.baseOffset()));
        // Truncate rather than refuse an existing file: it can only be what is left of an earlier failed creation.
        FileChannel channel = channels.open(file, CREATE, TRUNCATE_EXISTING, READ, WRITE);
        try {
            ByteBuffer bytes = header.encode();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            // A new segment is not durable until its directory entry is.
            Fsync.directory(directory);
        } catch (IOException e) {
            try (channel) {
                Files.deleteIfExists(file);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        long base = header.baseOffset();
        return new Segment(lane, file, base, channel, SegmentHeader.BYTES, base, new OffsetIndex(base), channels);
    }

    /** A segment recovery found before the newest one: complete, never written again. */
    static Segment sealed(
            String lane, Path file, long baseOffset, long size, long nextOffset, ChannelFactory channels) {
        return new Segment(lane, file, baseOffset, null, size, nextOffset, new OffsetIndex(baseOffset), channels);
    }

    /** The newest segment as recovery left it: scanned, its torn tail cut, ready for appends. */
    static Segment active(
            String lane,
            Path file,
            long baseOffset,
            FileChannel channel,
            long size,
            long nextOffset,
            OffsetIndex index,
            ChannelFactory channels) {
        requireNonNull(channel, "channel is null");
        return new Segment(lane, file, baseOffset, channel, size, nextOffset, index, channels);
    }

    static String fileName(long baseOffset) {
        return String.format("%020d%s", baseOffset, SUFFIX);
    }

    /** The base offset a segment file's name gives, or -1 when it is not a segment's name. */
    static long baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name, 0, 20, 10);
    }

    Path file() {
        return file;
    }

    long baseOffset() {
        return baseOffset;
    }

    long durableSize() {
        return durableSize;
    }

    long durableNextOffset() {
        return durableNextOffset;
    }

    boolean isSealed() {
        return sealed;
    }

    /**
     * Writes the frames of the records [durableNextOffset, durableNextOffset + frameBytes.length) with gathering
     * writes, forces them once, then publishes them to readers. On failure the file is cut back to its durable size
     * and the exception rethrown: none of these records is readable, then or after a restart.
     *
     * @return how long the force took, in nanoseconds
     */
    long append(ByteBuffer[] buffers, int[] frameBytes) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("segment " + file + " is sealed");
        }
        if (damaged) {
            cutBackToDurable();
        }
        long start = durableSize;
        long forceStart;
        long forceNanos;
        long total = 0;
        for (int bytes : frameBytes) {
            total += bytes;
        }
        try {
            channel.position(start);
            writeFully(buffers, total);
            allocatedSize = Math.max(allocatedSize, start + total);
            preallocate(start + total);
            forceStart = System.nanoTime();
            // Data only: fdatasync still makes the new file size durable, as it is needed to read the data back.
            channel.force(false);
            forceNanos = System.nanoTime() - forceStart;
        } catch (IOException | RuntimeException e) {
            try {
                cutBackToDurable();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        long offset = durableNextOffset;
        long position = start;
        for (int bytes : frameBytes) {
            index.maybeAdd(offset++, position);
            position += bytes;
        }
        durableSize = start + total;
        // Last: readers read the end offset first, then the size, so they never see a record before its bytes.
        durableNextOffset = offset;
        return forceNanos;
    }

    private void writeFully(ByteBuffer[] buffers, long total) throws IOException {
        long written = 0;
        int first = 0;
        while (written < total) {
            written += channel.write(buffers, first, buffers.length - first);
            while (first < buffers.length && !buffers[first].hasRemaining()) {
                first++;
            }
        }
    }

    /**
     * When the records now end less than half of {@link #PREALLOCATE_BYTES} before the file's end, writes zeros up to
     * the next multiple of it at least that far past them; the caller's force makes them durable with the records.
     * Failing (a full disk), it cuts the zeros it wrote and stops preallocating this segment, whose records then meet
     * the full disk as they did before preallocation.
     */
    private void preallocate(long end) throws IOException {
        if (!preallocating || allocatedSize - end >= PREALLOCATE_BYTES / 2) {
            return;
        }
        long target = (end / PREALLOCATE_BYTES + 1) * PREALLOCATE_BYTES;
        if (target - end < PREALLOCATE_BYTES / 2) {
            target += PREALLOCATE_BYTES;
        }
        try {
            for (long position = allocatedSize; position < target; ) {
                ByteBuffer zeros = ZEROS.duplicate().limit((int) Math.min(PREALLOCATE_BYTES, target - position));
                while (zeros.hasRemaining()) {
                    position += channel.write(zeros, position);
                }
            }
            allocatedSize = target;
        } catch (IOException e) {
            preallocating = false;
            channel.truncate(end);
            allocatedSize = end;
            LOG.log(Level.INFO, "lane {0}: segment {1} grows with its records from now on, writing ahead failed: {2}",
                    lane, file, e.toString());
        }
    }

    /**
     * Cuts the zeros written ahead of the records and forces the cut, so that the file ends at its last record: before
     * the segment is sealed. Writer thread only.
     */
    void trimPreallocated() throws IOException {
        if (channel != null && allocatedSize > durableSize) {
            channel.truncate(durableSize);
            channel.force(true);
            allocatedSize = durableSize;
        }
    }

    private void cutBackToDurable() throws IOException {
        damaged = true;
        // A failed write may have left part of a frame behind, and after a failed fsync the kernel may have dropped
        // dirty pages yet marked them clean: nothing past the durable size can be trusted, so it goes, durably.
        channel.truncate(durableSize);
        channel.force(true);
        allocatedSize = durableSize;
        damaged = false;
    }

    /** A channel of the caller's own for reading this segment; the caller closes it. */
    FileChannel openReadChannel() throws IOException {
        return channels.open(file, READ);
    }

    /**
     * The file position of the record at {@code offset} (at most the durable end), found by walking frame lengths
     * from the nearest index entry before it; the walk extends the index.
     */
    long positionOf(long offset, FileChannel readChannel) throws IOException {
        OffsetIndex.Entry entry = index.floor(offset);
        long position = entry.position();
        long limit = durableSize;
        for (long at = entry.offset(); at < offset; at++) {
            position += Frame.HEAD_BYTES + frameLength(readChannel, position, at, limit);
            index.maybeAdd(at + 1, position);
        }
        return position;
    }

    private int frameLength(FileChannel readChannel, long position, long offset, long limit) throws IOException {
        try {
            return Frame.length(readChannel, position, limit);
        } catch (DamagedFrameException e) {
            throw corrupt(position, offset, e.getMessage());
        }
    }

    /**
     * The payload length of the durable frame of record {@code offset} at {@code position}, read through
     * {@code ahead}.
     */
    int frameLength(ReadAhead ahead, FileChannel readChannel, long position, long offset) throws IOException {
        try {
            return Frame.length(ahead, readChannel, position, durableSize);
        } catch (DamagedFrameException e) {
            throw corrupt(position, offset, e.getMessage());
        }
    }

    /**
     * The record {@code offset} at {@code position}, whose frame length is known, after checking its CRC; read
     * through {@code ahead}.
     *
     * <p>Reading extends the index as {@link #positionOf} does. A segment sealed before the spool was opened starts
     * with no index but its first record, and a reader that seeks near a consumer (the pipeline's status, which
     * reads the oldest waiting record for its age) would otherwise walk every frame head the consumer has read since
     * the previous seek, one {@code pread} each: a status poll every 50 ms over a backlog read at 25,000 records/s
     * took milliseconds of CPU per poll.
     */
    SpoolRecord read(ReadAhead ahead, FileChannel readChannel, long position, long offset, int length)
            throws IOException {
        ByteBuffer payload;
        try {
            payload = Frame.payload(ahead, readChannel, position, length, durableSize);
        } catch (DamagedFrameException e) {
            throw corrupt(position, offset, e.getMessage());
        }
        SpoolRecord record;
        try {
            record = RecordCodec.decode(offset, payload);
        } catch (IllegalArgumentException e) {
            throw corrupt(position, offset, e.getMessage());
        }
        index.maybeAdd(offset, position);
        return record;
    }

    private CorruptRecordException corrupt(long position, long offset, String reason) {
        long resumeOffset = sealed ? durableNextOffset : -1;
        return new CorruptRecordException(lane, file, position, offset, resumeOffset, reason);
    }

    /** Closes the writer's channel once the segment is complete and forced: it is never written again. */
    void seal() {
        sealed = true;
        close();
    }

    void delete() throws IOException {
        seal();
        Files.deleteIfExists(file);
    }

    void close() {
        if (channel == null) {
            return;
        }
        try {
            trimPreallocated();
        } catch (IOException e) {
            // Recovery cuts the zeros on the next open.
            LOG.log(Level.WARNING, "lane {0}: could not cut the preallocated end of {1}: {2}", lane, file,
                    e.toString());
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Everything written was forced already; a failing close loses nothing.
            LOG.log(Level.WARNING, "lane {0}: could not close segment {1}: {2}", lane, file, e.toString());
        }
        channel = null;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
