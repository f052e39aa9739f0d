package dev.breakwater.ingest.encoding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final byte[] JSON = ("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"message\":\""
                    + "x".repeat(5000) + "\"}")
            .getBytes(UTF_8);

    private final InflightBytes budget = new InflightBytes(512L << 20);
    private final BodyDecoder decoder = new BodyDecoder(new BodyLimits(1 << 20, 4 << 20), budget);

    @Test
    void identityBodyIsReturnedAsReadWithoutACopy() throws Exception {
        try (DecodedBody body = read(null, JSON)) {
            assertThat(body.encoding()).isEqualTo(ContentEncoding.IDENTITY);
            assertThat(body.decoded()).isSameAs(body.wire());
            assertThat(body.decodedLength()).isEqualTo(JSON.length);
            assertThat(Arrays.copyOf(body.wire(), body.wireLength())).isEqualTo(JSON);
            // Content-Length sized the buffer exactly.
            assertThat(body.wire()).hasSize(JSON.length);
        }
    }

    @Test
    void absentEmptyAndIdentityHeadersAllMeanIdentity() throws Exception {
        for (String header : new String[] {null, "", "  ", "identity", "IDENTITY", "identity, identity"}) {
            try (DecodedBody body = read(header, JSON)) {
                assertThat(body.encoding()).as(header).isEqualTo(ContentEncoding.IDENTITY);
                assertThat(decoded(body)).isEqualTo(JSON);
            }
        }
    }

    @Test
    void gzipAndXGzipRoundTripCaseInsensitively() throws Exception {
        byte[] gzip = Compress.gzip(JSON);
        for (String header : new String[] {"gzip", "x-gzip", "GZip", " X-GZIP ", "gzip, identity"}) {
            try (DecodedBody body = read(header, gzip)) {
                assertThat(body.encoding()).as(header).isEqualTo(ContentEncoding.GZIP);
                assertThat(decoded(body)).isEqualTo(JSON);
                assertThat(Arrays.copyOf(body.wire(), body.wireLength())).isEqualTo(gzip);
            }
        }
    }

    @Test
    void deflateAcceptsZlibStreamsAndRawDeflate() throws Exception {
        try (DecodedBody body = read("deflate", Compress.zlib(JSON))) {
            assertThat(decoded(body)).isEqualTo(JSON);
        }
        try (DecodedBody body = read("Deflate", Compress.rawDeflate(JSON))) {
            assertThat(decoded(body)).isEqualTo(JSON);
        }
    }

    @Test
    void brotliRoundTrips() throws Exception {
        try (DecodedBody body = read("br", Compress.Brotli.SMALL_JSON)) {
            assertThat(body.encoding()).isEqualTo(ContentEncoding.BROTLI);
            assertThat(new String(decoded(body), UTF_8)).isEqualTo(Compress.Brotli.SMALL_JSON_TEXT);
        }
        try (DecodedBody body = read("BR", Compress.Brotli.REPEATED_LINES)) {
            assertThat(new String(decoded(body), UTF_8)).isEqualTo(Compress.Brotli.REPEATED_LINES_TEXT);
        }
    }

    @Test
    void zstdRoundTripsIncludingConcatenatedFrames() throws Exception {
        try (DecodedBody body = read("zstd", Compress.zstd(JSON))) {
            assertThat(body.encoding()).isEqualTo(ContentEncoding.ZSTD);
            assertThat(decoded(body)).isEqualTo(JSON);
        }
        byte[] first = "{\"a\":".getBytes(UTF_8);
        byte[] second = "1}".getBytes(UTF_8);
        try (DecodedBody body = read("zstd", Compress.concat(Compress.zstd(first), Compress.zstd(second)))) {
            assertThat(new String(decoded(body), UTF_8)).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void concatenatedGzipMembersDecodeToTheirConcatenation() throws Exception {
        byte[] body = Compress.concat(
                Compress.gzip("{\"a\":".getBytes(UTF_8)),
                Compress.gzip(new byte[0]),
                Compress.gzip("1}".getBytes(UTF_8)));
        try (DecodedBody decoded = read("gzip", body)) {
            assertThat(new String(decoded(decoded), UTF_8)).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void emptyBodyIsEmptyWhateverTheEncoding() throws Exception {
        for (String header : new String[] {null, "gzip", "deflate", "br", "zstd"}) {
            try (DecodedBody body = read(header, new byte[0])) {
                assertThat(body.decodedLength()).as(header).isZero();
                assertThat(body.wireLength()).isZero();
            }
        }
    }

    @Test
    void unknownOrStackedEncodingsAreUnsupported() {
        assertRefused(
                () -> read("compress", JSON),
                DiscardReason.UNSUPPORTED_ENCODING,
                "Content-Encoding 'compress' is not supported");
        assertRefused(() -> read("gzip, br", JSON), DiscardReason.UNSUPPORTED_ENCODING, "stacks several codings");
    }

    @Test
    void corruptBodiesFailDecompression() {
        byte[] gzip = Compress.gzip(JSON);
        byte[] flipped = gzip.clone();
        for (int i = 12; i < 40; i++) {
            flipped[i] ^= 0x5a;
        }
        assertRefused(() -> read("gzip", flipped), DiscardReason.DECOMPRESSION_FAILED, "gzip body");
        assertRefused(
                () -> read("gzip", JSON),
                DiscardReason.DECOMPRESSION_FAILED,
                "gzip body does not start with the gzip magic bytes 1f 8b");
        assertRefused(
                () -> read("gzip", Arrays.copyOf(gzip, gzip.length / 2)),
                DiscardReason.DECOMPRESSION_FAILED,
                "gzip body ends before its compressed data does");
        assertRefused(
                () -> read("gzip", Arrays.copyOf(gzip, gzip.length - 3)),
                DiscardReason.DECOMPRESSION_FAILED,
                "gzip body member 1 ends inside its 8-byte trailer");
        assertRefused(
                () -> read("gzip", Compress.concat(gzip, "junk".getBytes(UTF_8))),
                DiscardReason.DECOMPRESSION_FAILED,
                "4 bytes of trailing data follow gzip member 1 of the gzip body");
        byte[] badCrc = gzip.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertRefused(
                () -> read("gzip", badCrc),
                DiscardReason.DECOMPRESSION_FAILED,
                "gzip body member 1 fails its CRC-32 check");

        assertRefused(() -> read("deflate", JSON), DiscardReason.DECOMPRESSION_FAILED, "deflate body is corrupt");
        byte[] zlib = Compress.zlib(JSON);
        assertRefused(
                () -> read("deflate", Compress.concat(zlib, new byte[] {1})),
                DiscardReason.DECOMPRESSION_FAILED,
                "1 bytes of trailing data follow the compressed data of the deflate body");

        assertRefused(() -> read("br", JSON), DiscardReason.DECOMPRESSION_FAILED, "br body is corrupt");
        byte[] br = Compress.Brotli.REPEATED_LINES;
        assertRefused(
                () -> read("br", Arrays.copyOf(br, br.length - 6)), DiscardReason.DECOMPRESSION_FAILED, "br body");

        assertRefused(() -> read("zstd", JSON), DiscardReason.DECOMPRESSION_FAILED, "zstd body is corrupt");
        byte[] zstd = Compress.zstd(JSON);
        assertRefused(
                () -> read("zstd", Arrays.copyOf(zstd, zstd.length - 5)),
                DiscardReason.DECOMPRESSION_FAILED,
                "zstd body");
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void gzipBombIsCutOffAtTheDecodedLimitWithoutAllocatingPastIt() throws Exception {
        byte[] bomb = gzipOfZeros(1L << 30);
        int limit = 16 << 20;
        BodyDecoder bounded = new BodyDecoder(new BodyLimits(8 << 20, limit), budget);
        PeakBudget peak = new PeakBudget();
        BodyDecoder accounted = new BodyDecoder(new BodyLimits(8 << 20, limit), peak);

        long allocatedBefore = allocatedBytes();
        long start = System.nanoTime();
        assertRefused(
                () -> bounded.read("gzip", bomb.length, new ByteArrayInputStream(bomb)),
                DiscardReason.TOO_LARGE,
                "gzip body decompresses to more than the 16777216 bytes allowed");
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(millis).as("time to refuse a 1 GiB bomb").isLessThan(2_000);
        assertThat(allocated).as("bytes allocated while refusing a 1 GiB bomb").isLessThan(bomb.length + 2L * limit);
        assertRefused(
                () -> accounted.read("gzip", bomb.length, new ByteArrayInputStream(bomb)), DiscardReason.TOO_LARGE, "");
        assertThat(peak.peak).isLessThanOrEqualTo(bomb.length + limit + Decompression.INFLATER_WORKING_SET);
        assertThat(peak.inUse).isZero();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void brotliAndZstdBombsAreCutOffToo() throws Exception {
        BodyDecoder small = new BodyDecoder(new BodyLimits(1 << 20, 1 << 20), budget);
        assertRefused(
                () -> small.read("br", -1, new ByteArrayInputStream(Compress.Brotli.ZEROS_64_MIB)),
                DiscardReason.TOO_LARGE,
                "br body decompresses to more than the 1048576 bytes allowed");

        ByteArrayOutputStream zstdBomb = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(zstdBomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zstd.write(zeros);
            }
        }
        byte[] bomb = zstdBomb.toByteArray();
        assertRefused(
                () -> small.read("zstd", -1, new ByteArrayInputStream(bomb)),
                DiscardReason.TOO_LARGE,
                "zstd body decompresses to more than the 1048576 bytes allowed");
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void bodyDecodingToExactlyTheLimitIsAccepted() throws Exception {
        byte[] exact = new byte[4096];
        new Random(7).nextBytes(exact);
        BodyDecoder tight = new BodyDecoder(new BodyLimits(8192, 4096), budget);
        for (String header : new String[] {"gzip", "deflate", "zstd"}) {
            byte[] wire = switch (header) {
                case "gzip" -> Compress.gzip(exact);
                case "deflate" -> Compress.zlib(exact);
                default -> Compress.zstd(exact);
            };
            try (DecodedBody body = tight.read(header, -1, new ByteArrayInputStream(wire))) {
                assertThat(decoded(body)).as(header).isEqualTo(exact);
            }
            byte[] oneMore = Arrays.copyOf(exact, 4097);
            byte[] tooMuch = switch (header) {
                case "gzip" -> Compress.gzip(oneMore);
                case "deflate" -> Compress.zlib(oneMore);
                default -> Compress.zstd(oneMore);
            };
            assertRefused(
                    () -> tight.read(header, -1, new ByteArrayInputStream(tooMuch)),
                    DiscardReason.TOO_LARGE,
                    "decompresses to more than the 4096 bytes allowed");
        }
    }

    @Test
    void oversizedWireBodyIsRefusedBeforeOrWhileReading() {
        BodyDecoder small = new BodyDecoder(new BodyLimits(100, 1000), budget);
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("a body declared too large must not be read");
            }
        };
        assertRefused(
                () -> small.read(null, 101, unread),
                DiscardReason.TOO_LARGE,
                "request body is 101 bytes, more than the 100 allowed");
        // Chunked (no Content-Length) and a lying Content-Length are caught while reading.
        assertRefused(
                () -> small.read(null, -1, new ByteArrayInputStream(new byte[101])),
                DiscardReason.TOO_LARGE,
                "request body is larger than the 100 bytes allowed");
        assertRefused(
                () -> small.read(null, 10, new ByteArrayInputStream(new byte[101])),
                DiscardReason.TOO_LARGE,
                "request body is larger than the 100 bytes allowed");
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void identityBodyIsBoundedByTheDecodedLimitToo() {
        BodyDecoder small = new BodyDecoder(new BodyLimits(100, 10), budget);
        assertRefused(
                () -> small.read(null, 11, new ByteArrayInputStream(new byte[11])),
                DiscardReason.TOO_LARGE,
                "request body is 11 bytes, more than the 10 allowed");
    }

    @Test
    void readsBodiesArrivingInSmallPiecesWithoutContentLength() throws Exception {
        byte[] gzip = Compress.gzip(JSON);
        try (DecodedBody body = decoder.read("gzip", -1, new Trickle(gzip))) {
            assertThat(decoded(body)).isEqualTo(JSON);
            assertThat(body.wireLength()).isEqualTo(gzip.length);
        }
        // A Content-Length smaller than the body only costs a copy.
        try (DecodedBody body = decoder.read(null, 3, new Trickle(JSON))) {
            assertThat(decoded(body)).isEqualTo(JSON);
        }
    }

    @Test
    void bodyHoldsItsBytesUntilClosed() throws Exception {
        DecodedBody body = read("gzip", Compress.gzip(JSON));
        assertThat(body.heldBytes()).isPositive();
        assertThat(budget.inUse()).isEqualTo(body.heldBytes());
        body.close();
        body.close();
        assertThat(budget.inUse()).isZero();
        assertThat(body.heldBytes()).isZero();
    }

    @Test
    void exhaustedBudgetRefusesWithOverloadedAndHoldsNothing() throws Exception {
        InflightBytes tiny = new InflightBytes(JSON.length + 10);
        BodyDecoder starved = new BodyDecoder(new BodyLimits(1 << 20, 4 << 20), tiny);
        try (DecodedBody first = starved.read(null, JSON.length, new ByteArrayInputStream(JSON))) {
            assertRefused(
                    () -> starved.read(null, JSON.length, new ByteArrayInputStream(JSON)),
                    DiscardReason.OVERLOADED,
                    "retry later");
            assertThat(tiny.inUse()).isEqualTo(first.heldBytes());
        }
        // The decoder's window counts: the raw body fits, decoding it does not.
        byte[] gzip = Compress.gzip(JSON);
        InflightBytes onlyWire = new InflightBytes(gzip.length + 100);
        assertRefused(
                () -> new BodyDecoder(new BodyLimits(1 << 20, 4 << 20), onlyWire)
                        .read("gzip", gzip.length, new ByteArrayInputStream(gzip)),
                DiscardReason.OVERLOADED,
                "");
        assertThat(onlyWire.inUse()).isZero();
        assertThat(tiny.inUse()).isZero();
    }

    @Test
    void base64ZlibStoreBodyIsInflated() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(Compress.zlib(JSON));
        try (DecodedBody body = read(null, base64.getBytes(UTF_8));
                DecodedBody inflated = decoder.inflateBase64(body)) {
            assertThat(decoded(inflated)).isEqualTo(JSON);
            assertThat(inflated.wire()).isSameAs(body.wire());
            assertThat(inflated.encoding()).isEqualTo(ContentEncoding.IDENTITY);
        }
        // Line-wrapped base64 (as MIME encoders write it) inside a gzip request, and base64 of gzip.
        String wrapped = Base64.getMimeEncoder().encodeToString(Compress.rawDeflate(JSON));
        try (DecodedBody body = read("gzip", Compress.gzip(wrapped.getBytes(UTF_8)));
                DecodedBody inflated = decoder.inflateBase64(body)) {
            assertThat(decoded(inflated)).isEqualTo(JSON);
        }
        String ofGzip = Base64.getEncoder().encodeToString(Compress.gzip(JSON));
        try (DecodedBody body = read(null, ofGzip.getBytes(UTF_8));
                DecodedBody inflated = decoder.inflateBase64(body)) {
            assertThat(decoded(inflated)).isEqualTo(JSON);
        }
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void base64StoreBodyIsBoundedAndValidated() throws Exception {
        try (DecodedBody body = read(null, "eJzLSM3JyVcozy/KSQEAGgQEXQ=!".getBytes(UTF_8))) {
            assertRefused(() -> decoder.inflateBase64(body), DiscardReason.DECOMPRESSION_FAILED, "not valid base64");
        }
        try (DecodedBody body = read(null, Base64.getEncoder().encode("not compressed".getBytes(UTF_8)))) {
            assertRefused(
                    () -> decoder.inflateBase64(body),
                    DiscardReason.DECOMPRESSION_FAILED,
                    "base64-encoded deflate body is corrupt");
        }
        byte[] bomb = Base64.getEncoder().encode(Compress.zlib(new byte[8 << 20]));
        try (DecodedBody body = read(null, bomb)) {
            assertRefused(
                    () -> decoder.inflateBase64(body),
                    DiscardReason.TOO_LARGE,
                    "base64-encoded deflate body decompresses to more than the 4194304 bytes allowed");
        }
        assertThat(budget.inUse()).isZero();
    }

    private DecodedBody read(String encoding, byte[] wire) throws IngestException, IOException {
        return decoder.read(encoding, wire.length, new ByteArrayInputStream(wire));
    }

    static byte[] decoded(DecodedBody body) {
        return Arrays.copyOf(body.decoded(), body.decodedLength());
    }

    static void assertRefused(ThrowingCallable call, DiscardReason reason, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    /** A gzip stream of {@code size} zero bytes, written in 1 MiB steps so the zeros never exist at once. */
    private static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (OutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED); // ~3x faster than the default level, still ~230:1
            }
        }) {
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** A stream handing out at most 7 bytes per read, as a slow network would. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private int pos;

        Trickle(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 7), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** A budget without a cap that remembers the most it ever lent. */
    private static final class PeakBudget implements ByteBudget {
        long inUse;
        long peak;

        @Override
        public synchronized boolean tryAcquire(long bytes) {
            inUse += bytes;
            peak = Math.max(peak, inUse);
            return true;
        }

        @Override
        public synchronized void release(long bytes) {
            inUse -= bytes;
        }
    }
}
