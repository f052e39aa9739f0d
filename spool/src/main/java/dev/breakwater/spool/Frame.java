package dev.breakwater.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * How records sit in a segment: back to back, each in a frame
 *
 * <pre>
 * frame   := length:u32 crc:u32 payload:u8[length]      (big-endian)
 * </pre>
 *
 * where {@code crc} is the CRC32C of the four length bytes followed by the payload, so a damaged length is caught as
 * surely as a damaged body, and {@code payload} is one record ({@link RecordCodec}). A length below
 * {@link #MIN_PAYLOAD} (no record is smaller), above {@link #MAX_PAYLOAD}, or running past the end of what is
 * readable is impossible and marks damage.
 *
 * <p>Stateless; thread-safe. Reads are positional, so any number of readers may share a channel.
 */
final class Frame {

    static final int HEAD_BYTES = 2 * Integer.BYTES;
    static final int MIN_PAYLOAD = RecordCodec.FIXED_BYTES;
    static final int MAX_PAYLOAD = 1 << 30;

    private Frame() {}

    /**
     * Fills in the length and CRC of a frame whose head buffer (at position 0) has room for them followed by the
     * record header, and whose body is the rest of the payload.
     */
    static void seal(ByteBuffer head, ByteBuffer body) {
        int length = head.remaining() - HEAD_BYTES + body.remaining();
        head.putInt(0, length);
        CRC32C crc = new CRC32C();
        crc.update(head.array(), head.arrayOffset(), Integer.BYTES);
        crc.update(head.array(), head.arrayOffset() + HEAD_BYTES, head.remaining() - HEAD_BYTES);
        crc.update(body.duplicate());
        head.putInt(Integer.BYTES, (int) crc.getValue());
    }

    /** The payload length of the frame at {@code position}, checked to be possible and to end by {@code limit}. */
    static int length(FileChannel channel, long position, long limit) throws IOException, DamagedFrameException {
        requireHead(position, limit);
        ByteBuffer field = ByteBuffer.allocate(Integer.BYTES);
        if (!readFully(channel, field, position)) {
            throw new DamagedFrameException("the file ends inside a frame head");
        }
        return checkedLength(field.getInt(0), position, limit);
    }

    /** As {@link #length(FileChannel, long, long)}, reading through {@code ahead}. */
    static int length(ReadAhead ahead, FileChannel channel, long position, long limit)
            throws IOException, DamagedFrameException {
        requireHead(position, limit);
        ByteBuffer head = ahead.bytes(channel, position, HEAD_BYTES, limit);
        if (head == null) {
            throw new DamagedFrameException("the file ends inside a frame head");
        }
        return checkedLength(head.getInt(0), position, limit);
    }

    private static void requireHead(long position, long limit) throws DamagedFrameException {
        if (limit - position < HEAD_BYTES) {
            throw new DamagedFrameException("only " + (limit - position) + " bytes left, too few for a frame head");
        }
    }

    private static int checkedLength(int field, long position, long limit) throws DamagedFrameException {
        long length = Integer.toUnsignedLong(field);
        if (length < MIN_PAYLOAD || length > MAX_PAYLOAD) {
            throw new DamagedFrameException("impossible frame length " + length);
        }
        if (position + HEAD_BYTES + length > limit) {
            throw new DamagedFrameException("a frame of " + length + " bytes runs past the end at byte " + limit);
        }
        return (int) length;
    }

    /** The payload of the frame at {@code position} whose {@link #length} is known, once its CRC checks out. */
    static ByteBuffer payload(FileChannel channel, long position, int length)
            throws IOException, DamagedFrameException {
        ByteBuffer frame = ByteBuffer.allocate(HEAD_BYTES + length);
        if (!readFully(channel, frame, position)) {
            throw new DamagedFrameException("the file ends inside the frame");
        }
        return checkedPayload(frame.flip(), length);
    }

    /** As {@link #payload(FileChannel, long, int)}, reading through {@code ahead} no further than {@code limit}. */
    static ByteBuffer payload(ReadAhead ahead, FileChannel channel, long position, int length, long limit)
            throws IOException, DamagedFrameException {
        ByteBuffer frame = ahead.bytes(channel, position, HEAD_BYTES + length, limit);
        if (frame == null) {
            throw new DamagedFrameException("the file ends inside the frame");
        }
        return checkedPayload(frame, length);
    }

    /** {@code frame}: a heap buffer of exactly the frame's bytes. */
    private static ByteBuffer checkedPayload(ByteBuffer frame, int length) throws DamagedFrameException {
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), frame.arrayOffset(), Integer.BYTES);
        crc.update(frame.array(), frame.arrayOffset() + HEAD_BYTES, length);
        if ((int) crc.getValue() != frame.getInt(Integer.BYTES)) {
            throw new DamagedFrameException("CRC32C mismatch");
        }
        return frame.slice(HEAD_BYTES, length);
    }

    /** Fills {@code buffer} from {@code position}; false if the file ends first. */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
