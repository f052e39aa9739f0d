package dev.breakwater.ingest.encoding;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.brotli.dec.BrotliInputStream;

/**
 * Bounded decoders for the content codings, each reading a byte-array slice and writing into a
 * {@link BoundedBuffer}, so a decompression bomb stops at the buffer's limit.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li>gzip and deflate drive {@link Inflater} directly over the input array and inflate straight
 *       into the output array: no stream wrappers, no intermediate buffers. gzip framing (RFC 1952) is
 *       parsed here so that concatenated members work, each member's CRC-32 and size are checked, and
 *       trailing garbage is refused rather than silently ignored as {@code GZIPInputStream} may.
 *   <li>br ({@code org.brotli:dec}) and zstd (aircompressor, pure Java) are only available as streams;
 *       they read from the input array and write into the output array, one copy of the input each.
 *       Both signal corrupt input with unchecked exceptions, which are therefore caught around their
 *       {@code read} calls only.
 *   <li>Decoders keep a window of recent output, outside the output buffer. Its size is announced in
 *       the stream header (brotli up to 16 MiB, zstd up to the 8 MiB aircompressor accepts), so a
 *       20-byte body could make the decoder allocate megabytes; {@link #workingSetBytes} reads the
 *       header so that the caller can pay for that window from the budget first.
 * </ul>
 *
 * <p>Stateless; safe for concurrent use.
 */
final class Decompression {
    /** zlib's inflate state: a 32 KiB window plus ~10 KiB of tables, rounded up. */
    static final long INFLATER_WORKING_SET = 64 * 1024;

    private static final long BROTLI_INPUT_BUFFER = BrotliInputStream.DEFAULT_INTERNAL_BUFFER_SIZE;
    private static final long BROTLI_MAX_WINDOW = 1L << 24;
    /** aircompressor refuses frames with a larger window ("Window size too large"). */
    private static final long ZSTD_MAX_WINDOW = 8L << 20;
    /** aircompressor's input buffer plus one block of look-ahead. */
    private static final long ZSTD_BUFFERS = 256 * 1024;

    private static final int GZIP_FHCRC = 2;
    private static final int GZIP_FEXTRA = 4;
    private static final int GZIP_FNAME = 8;
    private static final int GZIP_FCOMMENT = 16;
    private static final int GZIP_RESERVED = 0xe0;
    private static final int GZIP_MIN_HEADER = 10;
    private static final int GZIP_TRAILER = 8;

    private Decompression() {}

    static void decode(ContentEncoding encoding, byte[] in, int off, int len, BoundedBuffer out)
            throws IngestException {
        switch (encoding) {
            case GZIP -> gunzip(in, off, len, out, "gzip body");
            case DEFLATE -> inflate(in, off, len, out, "deflate body");
            case BROTLI -> drain(openBrotli(in, off, len), out, "br body");
            case ZSTD -> drain(new ZstdInputStream(new ByteArrayInputStream(in, off, len)), out, "zstd body");
            case IDENTITY -> throw new IllegalArgumentException("identity bodies are not decoded");
        }
    }

    /** Memory the decoder for {@code encoding} keeps besides the output, judged from the stream header. */
    static long workingSetBytes(ContentEncoding encoding, byte[] in, int off, int len) {
        return switch (encoding) {
            case IDENTITY -> 0;
            case GZIP, DEFLATE -> INFLATER_WORKING_SET;
            case BROTLI -> brotliWindow(in, off, len) + BROTLI_INPUT_BUFFER;
            case ZSTD -> zstdWindow(in, off, len) + ZSTD_BUFFERS;
        };
    }

    /** Decodes one or more concatenated gzip members. */
    static void gunzip(byte[] in, int off, int len, BoundedBuffer out, String what) throws IngestException {
        int end = off + len;
        int pos = off;
        int member = 0;
        Inflater inflater = new Inflater(true);
        try {
            CRC32 crc = new CRC32();
            do {
                member++;
                pos = skipGzipHeader(in, pos, end, member, what);
                int start = out.length();
                inflater.reset();
                inflater.setInput(in, pos, end - pos);
                inflateAll(inflater, out, what);
                pos = end - inflater.getRemaining();
                if (end - pos < GZIP_TRAILER) {
                    throw corrupt(what + " member " + member + " ends inside its 8-byte trailer");
                }
                int size = out.length() - start;
                crc.reset();
                crc.update(out.array(), start, size);
                if ((int) crc.getValue() != readIntLe(in, pos)) {
                    throw corrupt(what + " member " + member + " fails its CRC-32 check");
                }
                // ISIZE is the size modulo 2^32; sizes here are below 2^31, so the int bits compare directly.
                if (size != readIntLe(in, pos + 4)) {
                    throw corrupt(what + " member " + member + " decodes to " + size + " bytes but its trailer says "
                            + Integer.toUnsignedString(readIntLe(in, pos + 4)));
                }
                pos += GZIP_TRAILER;
            } while (pos < end);
        } finally {
            inflater.end();
        }
    }

    /** Decodes a zlib stream, or a raw deflate stream when the two-byte zlib header is absent. */
    static void inflate(byte[] in, int off, int len, BoundedBuffer out, String what) throws IngestException {
        Inflater inflater = new Inflater(!hasZlibHeader(in, off, len));
        try {
            inflater.setInput(in, off, len);
            inflateAll(inflater, out, what);
            int trailing = inflater.getRemaining();
            if (trailing > 0) {
                throw corrupt(trailing + " bytes of trailing data follow the compressed data of the " + what);
            }
        } finally {
            inflater.end();
        }
    }

    static boolean isGzip(byte[] in, int off, int len) {
        return len >= 2 && (in[off] & 0xff) == 0x1f && (in[off + 1] & 0xff) == 0x8b;
    }

    private static boolean hasZlibHeader(byte[] in, int off, int len) {
        if (len < 2) {
            return false;
        }
        int cmf = in[off] & 0xff;
        int flg = in[off + 1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static void inflateAll(Inflater inflater, BoundedBuffer out, String what) throws IngestException {
        byte[] probe = null;
        try {
            while (true) {
                int n;
                if (out.isFull()) {
                    // Inflate a single byte before growing: the output may be complete already.
                    if (probe == null) {
                        probe = new byte[1];
                    }
                    n = inflater.inflate(probe, 0, 1);
                    if (n == 1 && !out.tryAppend(probe[0])) {
                        throw tooLarge(what, out.limit());
                    }
                } else {
                    n = inflater.inflate(out.array(), out.length(), out.room());
                    out.advance(n);
                }
                if (n == 0) {
                    if (inflater.finished()) {
                        return;
                    }
                    if (inflater.needsDictionary()) {
                        throw corrupt(what + " needs a preset dictionary, which an HTTP body cannot name");
                    }
                    throw corrupt(what + " ends before its compressed data does");
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(what + " is corrupt: " + e.getMessage());
        }
    }

    private static int skipGzipHeader(byte[] in, int pos, int end, int member, String what) throws IngestException {
        if (!isGzip(in, pos, end - pos)) {
            throw corrupt(
                    member == 1
                            ? what + " does not start with the gzip magic bytes 1f 8b"
                            : (end - pos) + " bytes of trailing data follow gzip member " + (member - 1) + " of the "
                                    + what);
        }
        if (end - pos < GZIP_MIN_HEADER) {
            throw corrupt(what + " member " + member + " has a truncated header");
        }
        if (in[pos + 2] != 8) {
            throw corrupt(what + " member " + member + " uses compression method " + in[pos + 2]
                    + "; gzip only defines deflate (8)");
        }
        int flags = in[pos + 3] & 0xff;
        if ((flags & GZIP_RESERVED) != 0) {
            throw corrupt(what + " member " + member + " sets reserved header flags");
        }
        long p = pos + GZIP_MIN_HEADER;
        if ((flags & GZIP_FEXTRA) != 0) {
            if (end - p < 2) {
                throw corrupt(what + " member " + member + " has a truncated header");
            }
            p += 2 + ((in[(int) p] & 0xff) | (in[(int) p + 1] & 0xff) << 8);
        }
        if ((flags & GZIP_FNAME) != 0) {
            p = skipZeroTerminated(in, p, end, member, what);
        }
        if ((flags & GZIP_FCOMMENT) != 0) {
            p = skipZeroTerminated(in, p, end, member, what);
        }
        if ((flags & GZIP_FHCRC) != 0) {
            p += 2;
        }
        if (p > end) {
            throw corrupt(what + " member " + member + " has a truncated header");
        }
        return (int) p;
    }

    private static long skipZeroTerminated(byte[] in, long from, int end, int member, String what)
            throws IngestException {
        for (long i = from; i < end; i++) {
            if (in[(int) i] == 0) {
                return i + 1;
            }
        }
        throw corrupt(what + " member " + member + " has a truncated header");
    }

    private static InputStream openBrotli(byte[] in, int off, int len) throws IngestException {
        try {
            // The constructor already reads the stream header.
            return new BrotliInputStream(new ByteArrayInputStream(in, off, len));
        } catch (IOException | RuntimeException e) {
            throw corrupt("br body is corrupt: " + describe(e));
        }
    }

    private static void drain(InputStream decoder, BoundedBuffer out, String what) throws IngestException {
        while (true) {
            if (out.isFull()) {
                // Read a single byte before growing: the output may be complete already.
                int b = read(decoder, null, 0, 0, what);
                if (b < 0) {
                    return;
                }
                if (!out.tryAppend(b)) {
                    throw tooLarge(what, out.limit());
                }
            } else {
                int n = read(decoder, out.array(), out.length(), out.room(), what);
                if (n < 0) {
                    return;
                }
                if (n == 0) {
                    throw corrupt(what + " stopped making progress");
                }
                out.advance(n);
            }
        }
    }

    /** One {@code read()} when {@code buffer} is null, else {@code read(buffer, off, len)}. */
    private static int read(InputStream decoder, byte[] buffer, int off, int len, String what) throws IngestException {
        try {
            return buffer == null ? decoder.read() : decoder.read(buffer, off, len);
        } catch (IOException | RuntimeException e) {
            throw corrupt(what + " is corrupt: " + describe(e));
        }
    }

    /** The window size from a brotli stream header (RFC 7932 section 9.1). */
    private static long brotliWindow(byte[] in, int off, int len) {
        if (len == 0) {
            return BROTLI_MAX_WINDOW;
        }
        int b = in[off] & 0xff;
        if ((b & 1) == 0) {
            return 1L << 16;
        }
        int n = (b >>> 1) & 7;
        if (n != 0) {
            return 1L << (17 + n);
        }
        int m = (b >>> 4) & 7;
        if (m == 1) {
            return BROTLI_MAX_WINDOW; // large-window brotli; the decoder refuses it
        }
        return m == 0 ? 1L << 17 : 1L << (8 + m);
    }

    /**
     * The window size from the first zstd frame header (RFC 8878 section 3.1.1.1), capped at what
     * aircompressor accepts.
     */
    private static long zstdWindow(byte[] in, int off, int len) {
        boolean zstdMagic = len >= 6
                && (in[off] & 0xff) == 0x28
                && (in[off + 1] & 0xff) == 0xb5
                && (in[off + 2] & 0xff) == 0x2f
                && (in[off + 3] & 0xff) == 0xfd;
        if (!zstdMagic) {
            return ZSTD_MAX_WINDOW;
        }
        int descriptor = in[off + 4] & 0xff;
        boolean singleSegment = (descriptor & 0x20) != 0;
        long window;
        if (!singleSegment) {
            int wd = in[off + 5] & 0xff;
            long base = 1L << (10 + (wd >>> 3));
            window = base + (base >>> 3) * (wd & 7);
        } else {
            // The window is the frame content size.
            int dictionaryIdBytes = new int[] {0, 1, 2, 4}[descriptor & 3];
            int contentSizeBytes = new int[] {1, 2, 4, 8}[descriptor >>> 6];
            int p = off + 5 + dictionaryIdBytes;
            if (p + contentSizeBytes > off + len) {
                return ZSTD_MAX_WINDOW;
            }
            window = 0;
            for (int i = contentSizeBytes - 1; i >= 0; i--) {
                window = (window << 8) | (in[p + i] & 0xff);
            }
            if (contentSizeBytes == 2) {
                window += 256;
            }
        }
        return window < 0 ? ZSTD_MAX_WINDOW : Math.min(window, ZSTD_MAX_WINDOW);
    }

    private static int readIntLe(byte[] in, int p) {
        return (in[p] & 0xff) | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff) << 16 | (in[p + 3] & 0xff) << 24;
    }

    static IngestException tooLarge(String what, int limit) {
        return new IngestException(
                DiscardReason.TOO_LARGE, what + " decompresses to more than the " + limit + " bytes allowed");
    }

    private static IngestException corrupt(String message) {
        return new IngestException(DiscardReason.DECOMPRESSION_FAILED, message);
    }

    /** A decoder exception as one short line: its message and its cause's. */
    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + ": " + cause.getMessage();
        }
        message = message.replaceAll("\\s+", " ");
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
