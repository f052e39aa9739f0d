package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in a lane's log and the segment channel it reads through: the reading half of every
 * {@link LaneReader} and {@link LaneConsumer}.
 *
 * <p>It returns only durable records (those below the segment's published durable end) and checks the CRC of every
 * one. It holds a channel of its own on the segment it is in, so a segment deleted under it can still be read to its
 * end, and interrupting the reading thread closes only this channel, never the writer's.
 *
 * <p>Not thread-safe: one reader, one thread at a time.
 */
final class Cursor implements LaneReader {

    private final Segments segments;
    private Segment segment;
    private FileChannel channel;
    /** What was read of {@code segment} ahead of {@code filePosition}. */
    private final ReadAhead ahead = new ReadAhead();
    private long filePosition;
    private long position;
    private boolean closed;

    private Cursor(Segments segments) {
        this.segments = requireNonNull(segments, "segments is null");
    }

    static Cursor open(Segments segments, long offset) throws IOException {
        Cursor cursor = new Cursor(segments);
        cursor.seek(offset);
        return cursor;
    }

    /** Moves to {@code offset}, which the caller has checked lies within the lane. */
    void seek(long offset) throws IOException {
        ensureOpen();
        Segments.Opened opened = segments.open(offset);
        long target;
        try {
            target = opened.segment().positionOf(offset, opened.channel());
        } catch (IOException | RuntimeException e) {
            opened.channel().close();
            throw e;
        }
        closeChannel();
        ahead.clear();
        segment = opened.segment();
        channel = opened.channel();
        filePosition = target;
        position = offset;
    }

    /**
     * Up to {@code maxRecords} records and at most {@code maxBytes} of frames, except that a first record larger than
     * that is returned on its own rather than never.
     *
     * @throws CorruptRecordException when the next record is damaged; records before it are returned first
     */
    @Override
    public List<SpoolRecord> poll(int maxRecords, long maxBytes) throws IOException {
        requireArgument(maxRecords > 0, "maxRecords must be positive, was %d", maxRecords);
        requireArgument(maxBytes > 0, "maxBytes must be positive, was %d", maxBytes);
        ensureOpen();
        List<SpoolRecord> records = new ArrayList<>(Math.min(maxRecords, 256));
        long bytes = 0;
        while (records.size() < maxRecords) {
            // Sealed is read before the end: a sealed segment's end never moves, so having reached it the next
            // record is in the next segment. An active segment's end is where the durable records stop for now.
            boolean sealed = segment.isSealed();
            if (position >= segment.durableNextOffset()) {
                if (!sealed) {
                    break;
                }
                try {
                    seek(position);
                } catch (IOException e) {
                    if (records.isEmpty()) {
                        throw e;
                    }
                    break; // hand out what was read; the next poll reports it
                }
                continue;
            }
            try {
                int length = segment.frameLength(ahead, channel, filePosition, position);
                long frameBytes = Frame.HEAD_BYTES + (long) length;
                if (!records.isEmpty() && bytes + frameBytes > maxBytes) {
                    break;
                }
                records.add(segment.read(ahead, channel, filePosition, position, length));
                filePosition += frameBytes;
                position++;
                bytes += frameBytes;
            } catch (CorruptRecordException e) {
                if (records.isEmpty()) {
                    throw e;
                }
                // Hand out the good records first; the cursor stays at the damaged one and the next poll reports it.
                break;
            }
        }
        return records;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
    }
}
