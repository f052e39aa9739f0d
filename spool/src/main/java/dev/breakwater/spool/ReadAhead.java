package dev.breakwater.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a segment just ahead of a {@link Cursor}, read from its channel in chunks of up to {@link #CHUNK}
 * bytes (smaller right after a seek, see {@link #FIRST_CHUNK}): a lane of 1.4 KB records is read with one system
 * call per ~180 records instead of two per record (the frame head, then the frame), which were an eighth of the
 * events lane's reading and decoding thread.
 *
 * <p>A chunk is a fresh array, filled once and never written again, so the records sliced from it
 * ({@link RecordCodec#decode} keeps the body as a slice of its frame) stay valid after the cursor has moved on; an
 * array lives as long as the last record handed out of it. A chunk never reaches past the limit the caller gives,
 * the segment's durable size, and near that end it is no larger than what is there to read.
 *
 * <p>Not thread-safe: one cursor's.
 */
final class ReadAhead {

    static final int CHUNK = 256 * 1024;
    /**
     * The first chunk after a seek; each refill doubles it up to {@link #CHUNK}. A reader that wants one record (the
     * pipeline's status reads the oldest waiting one for its age) then reads 16 KiB, not 256, while a cursor going
     * through a segment reaches full chunks after four refills.
     */
    static final int FIRST_CHUNK = 16 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private byte[] chunk = NOTHING;
    private int nextChunk = FIRST_CHUNK;
    /** File position of {@code chunk[0]}. */
    private long start;
    /** Bytes of {@code chunk} read from the file. */
    private int filled;

    /** Forgets what was read, for a seek or a new segment. */
    void clear() {
        chunk = NOTHING;
        start = 0;
        filled = 0;
        nextChunk = FIRST_CHUNK;
    }

    /**
     * The {@code length} bytes at {@code position}, as a buffer of exactly those bytes, or null when the file ends
     * first. The caller has checked that they lie below {@code limit}.
     */
    ByteBuffer bytes(FileChannel channel, long position, int length, long limit) throws IOException {
        if (position < start || position + length > start + filled) {
            if (!refill(channel, position, length, limit)) {
                return null;
            }
        }
        return ByteBuffer.wrap(chunk, (int) (position - start), length).slice();
    }

    /**
     * A new chunk from {@code position}, holding at least {@code length} bytes; what the old one had of it moves
     * over.
     */
    private boolean refill(FileChannel channel, long position, int length, long limit) throws IOException {
        int size = (int) Math.max(length, Math.min(nextChunk, limit - position));
        nextChunk = Math.min(CHUNK, nextChunk * 2);
        byte[] next = new byte[size];
        int kept = 0;
        if (position >= start && position < start + filled) {
            kept = (int) (start + filled - position);
            System.arraycopy(chunk, (int) (position - start), next, 0, kept);
        }
        // readFully reads at the given position plus the buffer's, which starts at kept: array index i is file byte
        // position + i
        if (!Frame.readFully(channel, ByteBuffer.wrap(next, kept, size - kept), position)) {
            return false;
        }
        chunk = next;
        start = position;
        filled = size;
        return true;
    }
}
