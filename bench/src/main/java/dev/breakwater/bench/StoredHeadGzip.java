package dev.breakwater.bench;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip whose first {@code headLength} uncompressed bytes appear verbatim in the output, in a leading stored
 * (uncompressed) deflate block; the rest is deflated normally. That lets a load generator re-stamp fields in the head
 * (event id, timestamps) of a pre-compressed body by overwriting bytes and the CRC32 trailer, instead of compressing
 * every request again — a real cost on a 2-core machine shared with the server under test.
 *
 * <p>Layout: 10-byte gzip header; stored block {@code 0x00, LEN, ~LEN} (little-endian 16-bit) and the head bytes;
 * a raw deflate stream of the rest, which starts byte-aligned because a stored block ends on a byte boundary; then
 * CRC32 and the uncompressed size, both little-endian. The deflated part never refers back into the head, so changing
 * head bytes keeps the stream valid.
 */
final class StoredHeadGzip {

    /** Where uncompressed byte 0 of the head sits in the output. */
    static final int HEAD_OFFSET = 10 + 5;
    /** Largest head a single stored block can carry. */
    static final int MAX_HEAD = 0xFFFF;

    private StoredHeadGzip() {}

    static byte[] encode(byte[] data, int headLength) {
        if (headLength < 0 || headLength > MAX_HEAD || headLength > data.length) {
            throw new IllegalArgumentException("head length must be in [0, min(" + MAX_HEAD + ", " + data.length + ")], was " + headLength);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        out.write(0); // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
        out.write(headLength & 0xff);
        out.write(headLength >>> 8);
        out.write(~headLength & 0xff);
        out.write((~headLength >>> 8) & 0xff);
        out.write(data, 0, headLength);

        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data, headLength, data.length - headLength);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    static void putIntLe(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) (value >>> 16);
        target[offset + 3] = (byte) (value >>> 24);
    }

    private static void writeIntLe(ByteArrayOutputStream out, int value) {
        byte[] bytes = new byte[4];
        putIntLe(bytes, 0, value);
        out.writeBytes(bytes);
    }
}
