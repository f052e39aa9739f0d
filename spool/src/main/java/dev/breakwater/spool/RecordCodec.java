package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The payload of a {@link Frame}: one record, its header followed by its body.
 *
 * <pre>
 * payload := version:u8 lane:str project:str node:str seq:i64 receivedAt:i64
 *            source:str contentType:str encoding:str body:u8*
 * str     := byteCount:u16 utf8:u8[byteCount]
 * </pre>
 *
 * Integers are big-endian. {@code version} is {@value #VERSION}; a record of another version is refused rather than
 * guessed at. The body has no length of its own: it runs to the end of the payload, which the frame bounds.
 *
 * <p>Encoding happens in two steps so that the writer thread does as little as possible: the appender turns the
 * draft's strings into UTF-8 ({@link #encode}), which also fixes the frame's size for admission; the writer then adds
 * seq and receive time ({@link #frame}). Immutable; thread-safe.
 */
final class RecordCodec {

    static final byte VERSION = 1;
    static final int MAX_STRING_BYTES = 0xFFFF;
    /** The header without its strings: version, six string lengths, seq and receivedAt. */
    static final int FIXED_BYTES = 1 + 6 * Short.BYTES + 2 * Long.BYTES;

    private final byte[] lane;
    private final byte[] node;

    RecordCodec(String lane, String node) {
        this.lane = utf8("lane", lane);
        this.node = utf8("node id", node);
    }

    /** A draft with its strings already in UTF-8 and its frame size known; {@code body} is the caller's bytes. */
    record EncodedDraft(
            byte[] project, byte[] source, byte[] contentType, byte[] encoding, ByteBuffer body, int frameBytes) {}

    /**
     * @throws IllegalArgumentException if a string is longer than {@value #MAX_STRING_BYTES} bytes of UTF-8 or the
     *     record would exceed {@link Frame#MAX_PAYLOAD}
     */
    EncodedDraft encode(RecordDraft draft) {
        byte[] project = utf8("project", draft.project());
        byte[] source = utf8("source", draft.source());
        byte[] contentType = utf8("contentType", draft.contentType());
        byte[] encoding = utf8("encoding", draft.encoding());
        ByteBuffer body = draft.body().duplicate();
        long payload = (long) FIXED_BYTES + lane.length + project.length + node.length + source.length
                + contentType.length + encoding.length + body.remaining();
        requireArgument(
                payload <= Frame.MAX_PAYLOAD,
                "a record may take at most %d bytes with its header, this one takes %d",
                Frame.MAX_PAYLOAD,
                payload);
        return new EncodedDraft(
                project, source, contentType, encoding, body, Math.toIntExact(Frame.HEAD_BYTES + payload));
    }

    /**
     * The frame of a record as two buffers for a gathering write: the head (frame head and record header) and the
     * body, a view of the caller's bytes rather than a copy.
     */
    ByteBuffer[] frame(EncodedDraft draft, long seq, long receivedAt) {
        ByteBuffer body = draft.body().duplicate();
        ByteBuffer head = ByteBuffer.allocate(draft.frameBytes() - body.remaining());
        head.position(Frame.HEAD_BYTES);
        head.put(VERSION);
        putString(head, lane);
        putString(head, draft.project());
        putString(head, node);
        head.putLong(seq);
        head.putLong(receivedAt);
        putString(head, draft.source());
        putString(head, draft.contentType());
        putString(head, draft.encoding());
        head.flip();
        Frame.seal(head, body);
        return new ByteBuffer[] {head, body};
    }

    /**
     * The record in a payload whose CRC has been checked.
     *
     * @throws IllegalArgumentException naming what is wrong when the payload is not a record this build can read
     */
    static SpoolRecord decode(long offset, ByteBuffer payload) {
        ByteBuffer in = payload.duplicate();
        try {
            byte version = in.get();
            requireArgument(
                    version == VERSION,
                    "record format version %d is not the one this build reads (%d)",
                    version,
                    VERSION);
            String lane = getString(in);
            String project = getString(in);
            String node = getString(in);
            long seq = in.getLong();
            long receivedAt = in.getLong();
            String source = getString(in);
            String contentType = getString(in);
            String encoding = getString(in);
            RecordHeader header = new RecordHeader(lane, project, node, seq, receivedAt, source, contentType, encoding);
            return new SpoolRecord(offset, header, in.slice().asReadOnlyBuffer());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the record header runs past the end of its frame", e);
        }
    }

    private static byte[] utf8(String field, String value) {
        requireNonNull(value, field + " is null");
        byte[] bytes = value.getBytes(UTF_8);
        requireArgument(
                bytes.length <= MAX_STRING_BYTES,
                "%s must be at most %d bytes of UTF-8, was %d",
                field,
                MAX_STRING_BYTES,
                bytes.length);
        return bytes;
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putShort((short) utf8.length);
        out.put(utf8);
    }

    private static String getString(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, UTF_8);
    }
}
