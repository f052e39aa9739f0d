package dev.breakwater.model;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Turns a body kept in the content encoding it arrived in back into the bytes the client meant. Ingest stores what
 * the client sent ({@code identity}, {@code gzip}, {@code x-gzip}, {@code deflate} with or without its zlib header,
 * {@code br}, {@code zstd}), and three readers need it decoded: the pipeline's lane consumers, stored event documents
 * kept as received ({@link DocumentCodec}) and the quarantine page's preview, which reads only the start.
 *
 * <p>Ingest decodes the request itself and does not use this: it streams into a budgeted buffer and answers a body
 * that fails with a 4xx naming what is wrong (module {@code ingest}, {@code Decompression}). A stored body that fails
 * here had been accepted, so its failure is deterministic: the caller quarantines or reports it.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoredBodies {
    private StoredBodies() {}

    /**
     * The whole decoded body.
     *
     * @param stored     the body as stored; not modified, and returned as it is only for {@code identity}
     * @param maxDecoded a body that decodes to more is refused
     * @throws DecodeException when the encoding is unknown, the body does not decode, or decodes to more than
     *                         {@code maxDecoded} bytes
     */
    public static byte[] decode(String encoding, byte[] stored, int maxDecoded) throws DecodeException {
        if (encoding.equals("identity")) {
            if (stored.length > maxDecoded) {
                throw tooLarge(encoding, maxDecoded);
            }
            return stored;
        }
        if (isGzip(encoding)) {
            byte[] inflated = GzipFastPath.inflate(stored, maxDecoded);
            if (inflated != null) {
                return inflated;
            }
        }
        return read(encoding, stored, in -> readAll(in, sizeHint(encoding, stored, maxDecoded), encoding, maxDecoded));
    }

    /**
     * At most the first {@code bytes} decoded bytes, decoding no further than that: a compression bomb costs what its
     * first bytes cost.
     *
     * @throws DecodeException when the encoding is unknown or that start does not decode
     */
    public static byte[] head(String encoding, byte[] stored, int bytes) throws DecodeException {
        if (encoding.equals("identity")) {
            return Arrays.copyOf(stored, Math.min(stored.length, bytes));
        }
        return read(encoding, stored, in -> in.readNBytes(bytes));
    }

    /** Whether the name is one this class decodes. */
    public static boolean isKnown(String encoding) {
        return switch (encoding) {
            case "identity", "gzip", "x-gzip", "deflate", "br", "zstd" -> true;
            default -> false;
        };
    }

    private interface Reading {
        byte[] from(InputStream in) throws IOException, DecodeException;
    }

    private static byte[] read(String encoding, byte[] stored, Reading reading) throws DecodeException {
        // HTTP deflate is zlib-wrapped; some clients send raw deflate, which ingest accepts too
        Inflater inflater = encoding.equals("deflate") ? new Inflater(!hasZlibHeader(stored)) : null;
        try (InputStream in = open(encoding, stored, inflater)) {
            return reading.from(in);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // brotli and zstd report corrupt input with unchecked exceptions
            throw new DecodeException("stored " + encoding + " body does not decode: " + e.getMessage(), e);
        } finally {
            if (inflater != null) {
                inflater.end(); // a stream given its own Inflater leaves ending it to the caller
            }
        }
    }

    private static InputStream open(String encoding, byte[] stored, Inflater inflater)
            throws IOException, DecodeException {
        ByteArrayInputStream raw = new ByteArrayInputStream(stored);
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> new InflaterInputStream(raw, inflater, 8192);
            case "br" -> new BrotliInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            default -> throw new DecodeException("unknown stored encoding '" + encoding + "'");
        };
    }

    /**
     * Reads the whole stream into an array sized by the hint when the hint is right, which it is for nearly every
     * gzip body: no growing and concatenating of chunks, one array the size of the body.
     */
    private static byte[] readAll(InputStream in, int hint, String encoding, int max)
            throws IOException, DecodeException {
        if (hint > 0) {
            byte[] sized = new byte[hint];
            int n = in.readNBytes(sized, 0, hint);
            if (n < hint) {
                return Arrays.copyOf(sized, n);
            }
            int next = in.read();
            if (next < 0) {
                return sized;
            }
            // the hint was short (several gzip members, or a wrong trailer): read the rest the general way
            byte[] rest = in.readNBytes(max - hint);
            if (hint + 1L + rest.length > max) {
                throw tooLarge(encoding, max);
            }
            byte[] all = Arrays.copyOf(sized, hint + 1 + rest.length);
            all[hint] = (byte) next;
            System.arraycopy(rest, 0, all, hint + 1, rest.length);
            return all;
        }
        byte[] decoded = in.readNBytes(max == Integer.MAX_VALUE ? max : max + 1);
        if (decoded.length > max) {
            throw tooLarge(encoding, max);
        }
        return decoded;
    }

    /** A gzip body's trailer states its (last member's) size modulo 2^32: a hint, trusted only as far as the cap. */
    private static int sizeHint(String encoding, byte[] stored, int max) {
        if (!isGzip(encoding) || stored.length < 18) {
            return 0;
        }
        long size = GzipFastPath.littleEndianInt(stored, stored.length - 4);
        return size > 0 && size <= max ? (int) size : 0;
    }

    /** Whether a content encoding is gzip (ingest stores the request's own name for it). */
    static boolean isGzip(String encoding) {
        return encoding.equals("gzip") || encoding.equals("x-gzip");
    }

    private static boolean hasZlibHeader(byte[] in) {
        if (in.length < 2) {
            return false;
        }
        int cmf = in[0] & 0xff;
        int flg = in[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static DecodeException tooLarge(String encoding, int max) {
        return new DecodeException(encoding + " body decodes to more than " + max + " bytes");
    }
}
