package dev.breakwater.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The first {@value #BYTES} bytes of every segment file:
 *
 * <pre>
 * magic          u8[4]  "BWSG"
 * version        u8     1
 * reserved       u8[3]  zero
 * baseOffset     i64    offset of the segment's first record; the file is named after it
 * nextSeq        i64    the node's next sequence number when the segment was created
 * lastReceivedAt i64    the lane's newest receive time when the segment was created
 * crc            u32    CRC32C of the 32 bytes before it
 * </pre>
 *
 * The two floors let recovery carry seq and receive time forward even when every record of a lane has been
 * consumed and deleted, so that numbers handed out after a restart are still above every earlier one.
 * A header is forced, and its directory entry too, before any record is written after it.
 *
 * @param baseOffset     offset of the segment's first record
 * @param nextSeq        every record in this segment has a seq at least this; every record the node appended
 *                       before the segment was created, in any lane, has a lower one
 * @param lastReceivedAt no record in this segment has an earlier receive time
 */
record SegmentHeader(long baseOffset, long nextSeq, long lastReceivedAt) {

    static final int BYTES = 36;

    private static final int MAGIC = 0x42575347; // "BWSG"
    private static final byte VERSION = 1;
    private static final int CRC_POSITION = BYTES - Integer.BYTES;

    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES);
        out.putInt(MAGIC).put(VERSION).put(new byte[3]);
        out.putLong(baseOffset).putLong(nextSeq).putLong(lastReceivedAt);
        out.putInt(crc(out.array()));
        return out.flip();
    }

    /**
     * The header in {@code bytes} (the first {@value #BYTES} of the file), or empty when it is damaged.
     *
     * @throws IOException when it is intact but of a format version this build does not know: better to stop than
     *     to misread a newer spool
     */
    static Optional<SegmentHeader> decode(byte[] bytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < BYTES || in.getInt(0) != MAGIC || in.getInt(CRC_POSITION) != crc(bytes)) {
            return Optional.empty();
        }
        byte version = in.get(Integer.BYTES);
        if (version != VERSION) {
            throw new IOException(
                    "segment format version " + version + " is not the one this build reads (" + VERSION + ")");
        }
        return Optional.of(new SegmentHeader(in.getLong(8), in.getLong(16), in.getLong(24)));
    }

    private static int crc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, CRC_POSITION);
        return (int) crc.getValue();
    }
}
