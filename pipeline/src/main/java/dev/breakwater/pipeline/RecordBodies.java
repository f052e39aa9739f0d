package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Turns a spool record's body back into the bytes the client meant, by the content encoding it was stored with
 * (ingest keeps what arrived: gzip, deflate, br, zstd or identity). Ingest has already decoded every stored body once
 * within its size limits, so this decodes with plain streams; a body that fails anyway is a deterministic failure.
 * Stateless.
 */
final class RecordBodies {
    /** Ingest refuses larger decoded bodies long before; a stored record above it is damaged, not legitimate. */
    private static final int MAX_DECODED = 256 << 20;

    private RecordBodies() {}

    static byte[] decode(String encoding, ByteBuffer stored) throws DecodeException {
        return decode(encoding, copy(stored));
    }

    /** The record body's bytes, as stored (still encoded), in an array of their own. */
    static byte[] copy(ByteBuffer stored) {
        byte[] bytes = new byte[stored.remaining()];
        stored.duplicate().get(bytes);
        return bytes;
    }

    /** @param bytes the body as stored; not modified, and not part of what is returned */
    static byte[] decode(String encoding, byte[] bytes) throws DecodeException {
        if (encoding.equals("identity")) {
            return bytes;
        }
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            byte[] inflated = GzipFastPath.inflate(bytes, MAX_DECODED);
            if (inflated != null) {
                return inflated;
            }
        }
        Inflater inflater = encoding.equals("deflate") ? new Inflater(!hasZlibHeader(bytes)) : null;
        try (InputStream in = open(encoding, bytes, inflater)) {
            return readAll(in, sizeHint(encoding, bytes), encoding);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // brotli and zstd report corrupt input with unchecked exceptions
            throw new DecodeException("stored " + encoding + " body does not decode: " + e.getMessage());
        } finally {
            if (inflater != null) {
                inflater.end(); // a stream given its own Inflater leaves ending it to the caller
            }
        }
    }

    /**
     * Reads the whole stream into an array sized by the hint when the hint is right, which it is for nearly every
     * gzip body: no growing and concatenating of chunks, one array the size of the body.
     */
    private static byte[] readAll(InputStream in, int hint, String encoding) throws IOException, DecodeException {
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
            byte[] rest = in.readNBytes(MAX_DECODED + 1 - hint - 1);
            if (hint + 1L + rest.length > MAX_DECODED) {
                throw new DecodeException(encoding + " body decodes to more than " + MAX_DECODED + " bytes");
            }
            byte[] all = Arrays.copyOf(sized, hint + 1 + rest.length);
            all[hint] = (byte) next;
            System.arraycopy(rest, 0, all, hint + 1, rest.length);
            return all;
        }
        byte[] decoded = in.readNBytes(MAX_DECODED + 1);
        if (decoded.length > MAX_DECODED) {
            throw new DecodeException(encoding + " body decodes to more than " + MAX_DECODED + " bytes");
        }
        return decoded;
    }

    /** A gzip body's trailer states its (last member's) size modulo 2^32: a hint, trusted only as far as the cap. */
    private static int sizeHint(String encoding, byte[] bytes) {
        if (!(encoding.equals("gzip") || encoding.equals("x-gzip")) || bytes.length < 18) {
            return 0;
        }
        long size = GzipFastPath.littleEndianInt(bytes, bytes.length - 4);
        return size > 0 && size <= MAX_DECODED ? (int) size : 0;
    }

    private static InputStream open(String encoding, byte[] bytes, Inflater inflater)
            throws IOException, DecodeException {
        ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            // HTTP deflate is zlib-wrapped; some clients send raw deflate, which ingest accepts too
            case "deflate" -> new InflaterInputStream(raw, inflater, 8192);
            case "br" -> new BrotliInputStream(raw);
            case "zstd" -> new ZstdInputStream(raw);
            default -> throw new DecodeException("unknown stored encoding '" + encoding + "'");
        };
    }

    private static boolean hasZlibHeader(byte[] in) {
        if (in.length < 2) {
            return false;
        }
        int cmf = in[0] & 0xff;
        int flg = in[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }
}
