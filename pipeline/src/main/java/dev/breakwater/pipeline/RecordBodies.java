package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
        byte[] bytes = new byte[stored.remaining()];
        stored.duplicate().get(bytes);
        if (encoding.equals("identity")) {
            return bytes;
        }
        Inflater inflater = encoding.equals("deflate") ? new Inflater(!hasZlibHeader(bytes)) : null;
        try (InputStream in = open(encoding, bytes, inflater)) {
            byte[] decoded = in.readNBytes(MAX_DECODED + 1);
            if (decoded.length > MAX_DECODED) {
                throw new DecodeException(encoding + " body decodes to more than " + MAX_DECODED + " bytes");
            }
            return decoded;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // brotli and zstd report corrupt input with unchecked exceptions
            throw new DecodeException("stored " + encoding + " body does not decode: " + e.getMessage());
        } finally {
            if (inflater != null) {
                inflater.end(); // a stream given its own Inflater leaves ending it to the caller
            }
        }
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
