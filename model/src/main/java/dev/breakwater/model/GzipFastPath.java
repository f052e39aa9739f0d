package dev.breakwater.model;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the common gzip body, one member and nothing after it, with an {@link Inflater} the thread keeps, straight
 * into one array sized by the trailer. {@link java.util.zip.GZIPInputStream} allocates and frees a native zlib
 * state and window per body and copies the input through its own buffer; on the events lane, where nearly every
 * record is a ~1.4 KB gzip'd envelope, that was a noticeable part of the pipeline's CPU.
 *
 * <p>It answers only when the result is certainly what {@code GZIPInputStream} would give: the header parses, the
 * deflate stream ends, its CRC-32 and size match the trailer, and no byte follows. Anything else (several members,
 * trailing bytes, a damaged body) returns null and the caller decodes the general way, with its errors.
 *
 * <p>Ingest's {@code Decompression.gunzip} (module {@code ingest}) parses the same framing once more, on purpose: it
 * decodes a request, streaming into a budgeted buffer, and must tell the client with a 4xx which member is wrong;
 * this decodes bodies ingest has already accepted.
 *
 * <p>Thread-safe: each thread has its own inflater.
 */
final class GzipFastPath {
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int TRAILER = 8;

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private GzipFastPath() {}

    /** The inflated body, or null when this body needs the general path. */
    static byte[] inflate(byte[] gzip, int maxDecoded) {
        int start = headerLength(gzip);
        if (start < 0 || gzip.length - start < TRAILER) {
            return null;
        }
        int n = gzip.length;
        long crcInTrailer = littleEndianInt(gzip, n - 8);
        long sizeInTrailer = littleEndianInt(gzip, n - 4);
        if (sizeInTrailer > maxDecoded) {
            return null;
        }
        byte[] out = new byte[(int) sizeInTrailer];
        Inflater inflater = INFLATER.get();
        inflater.reset();
        try {
            inflater.setInput(gzip, start, n - start);
            int produced = 0;
            while (produced < out.length) {
                int got = inflater.inflate(out, produced, out.length - produced);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += got;
            }
            if (produced != out.length) {
                return null; // shorter than the trailer says: several members, or damage
            }
            if (!inflater.finished()) {
                // the output is full; an empty stream's end, or more data than the trailer says, shows here
                byte[] probe = new byte[1];
                if (inflater.inflate(probe) != 0 || !inflater.finished()) {
                    return null;
                }
            }
            if (inflater.getRemaining() != TRAILER) {
                return null; // another member or trailing bytes follow
            }
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.reset(); // drop the reference to the input
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        return crc.getValue() == crcInTrailer ? out : null;
    }

    /** Length of the member header, or -1 when it is not one this path reads. */
    static int headerLength(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            return -1;
        }
        int flags = b[3] & 0xff;
        if ((flags & RESERVED_FLAGS) != 0) {
            return -1;
        }
        int pos = 10;
        if ((flags & FEXTRA) != 0) {
            if (pos + 2 > b.length) {
                return -1;
            }
            pos += 2 + ((b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            pos = afterZero(b, pos);
        }
        if ((flags & FCOMMENT) != 0 && pos >= 0) {
            pos = afterZero(b, pos);
        }
        if ((flags & FHCRC) != 0 && pos >= 0) {
            // the header's own CRC-16 is checked by the general path; this one leaves such rare bodies to it
            return -1;
        }
        return pos >= 0 && pos <= b.length ? pos : -1;
    }

    private static int afterZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The unsigned 32-bit little-endian integer at {@code at}, as gzip trailers store CRC-32 and size. */
    static long littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
