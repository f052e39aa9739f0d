package dev.breakwater.ingest.encoding;

import dev.breakwater.testing.Gzip;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Real encoders for test bodies: the JDK's for gzip and deflate, aircompressor's for zstd. */
final class Compress {
    /**
     * Brotli has no Java encoder on the build path, so these were made with the brotli 1.0.9 CLI
     * ({@code apt-get install brotli}) and pasted as base64.
     */
    static final class Brotli {
        /** {@code printf '{"message":"hello from brotli","level":"error"}' | brotli -q 11}. */
        static final byte[] SMALL_JSON =
                Base64.getDecoder().decode("oXABwO9MsGMhls1j6EBeitDtlZhc6rD0tUga25uWpJJNdtEaBJHFShxhaN1LMQgG");

        static final String SMALL_JSON_TEXT = "{\"message\":\"hello from brotli\",\"level\":\"error\"}";
        /** {@code python3 -c "print('0123456789abcdef\n'*20000, end='')" | brotli -q 5}: 340,000 bytes. */
        static final byte[] REPEATED_LINES = Base64.getDecoder().decode("VR8wBUAWj/mMog3rjweDOvmkAIlFzSOrZ+99IA==");

        static final String REPEATED_LINES_TEXT = "0123456789abcdef\n".repeat(20000);
        /** {@code head -c 67108864 /dev/zero | brotli -q 11}: 54 bytes that expand to 64 MiB. */
        static final byte[] ZEROS_64_MIB =
                Base64.getDecoder().decode("z///f/gnAOKxQCD3/p/////wTwDEYQGA7v0/////4Z8AiMMiAN37f/7//8M/ARCHBQC69/8D");

        private Brotli() {}
    }

    private Compress() {}

    static byte[] gzip(byte[] data) {
        return Gzip.compress(data);
    }

    /** A zlib stream, which is what HTTP calls deflate. */
    static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A raw deflate stream without the zlib header, which some clients send as deflate. */
    static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream raw = new DeflaterOutputStream(out, deflater)) {
            raw.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            zstd.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
