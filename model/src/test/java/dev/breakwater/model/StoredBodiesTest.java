package dev.breakwater.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Stored bodies decode by the content encoding ingest kept: gzip to what {@link GZIPInputStream} gives, whether
 * {@link GzipFastPath} takes it (one plain member) or leaves it to the general path (header fields, several members,
 * trailing bytes, damage); deflate with and without its zlib header; zstd; limits and damage refused with a reason.
 */
class StoredBodiesTest {

    @Test
    void plainMembersOfManySizesTakeTheFastPathAndMatchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {0, 1, 100, 3_500, 65_536, 300_000}) {
            byte[] body = text(random, size);
            byte[] gzip = gzip(body);
            assertThat(GzipFastPath.inflate(gzip, 1 << 20)).as("fast path, %d bytes", size).isEqualTo(body);
            assertThat(decode("gzip", gzip)).isEqualTo(jdk(gzip)).isEqualTo(body);
            assertThat(decode("x-gzip", gzip)).isEqualTo(body);
        }
    }

    @Test
    void headerFieldsAreSkipped() throws Exception {
        byte[] body = "{\"message\":\"hello\"}".getBytes(UTF_8);
        byte[] member = member(body, 0x08 | 0x10 | 0x04, "name.json", "a comment", new byte[] {1, 2, 3});
        assertThat(jdk(member)).isEqualTo(body); // the hand-made member is valid gzip
        assertThat(GzipFastPath.inflate(member, 1 << 20)).isEqualTo(body);
        assertThat(decode("gzip", member)).isEqualTo(body);
    }

    @Test
    void bodiesTheFastPathLeavesDecodeTheGeneralWay() throws Exception {
        byte[] first = "first member ".getBytes(UTF_8);
        byte[] second = "second member".getBytes(UTF_8);
        byte[] twoMembers = concat(gzip(first), gzip(second));
        assertThat(GzipFastPath.inflate(twoMembers, 1 << 20)).as("two members").isNull();
        assertThat(decode("gzip", twoMembers)).isEqualTo(jdk(twoMembers)).isEqualTo(concat(first, second));

        byte[] withHeaderCrc = member(first, 0x02, null, null, null);
        assertThat(GzipFastPath.inflate(withHeaderCrc, 1 << 20)).as("header CRC").isNull();
        assertThat(decode("gzip", withHeaderCrc)).isEqualTo(jdk(withHeaderCrc)).isEqualTo(first);

        byte[] trailing = concat(gzip(first), new byte[] {0, 0, 0});
        assertThat(GzipFastPath.inflate(trailing, 1 << 20)).as("trailing bytes").isNull();
        assertThat(decode("gzip", trailing)).isEqualTo(jdk(trailing));
    }

    @Test
    void damagedBodiesAreRefusedWithAClearReason() throws Exception {
        byte[] gzip = gzip("{\"message\":\"a body that will be damaged\"}".getBytes(UTF_8));

        byte[] badCrc = gzip.clone();
        badCrc[badCrc.length - 8] ^= 0x55;
        assertThat(GzipFastPath.inflate(badCrc, 1 << 20)).isNull();
        assertThatThrownBy(() -> decode("gzip", badCrc)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("stored gzip body does not decode");

        byte[] wrongSize = gzip.clone();
        wrongSize[wrongSize.length - 4] += 1;
        assertThat(GzipFastPath.inflate(wrongSize, 1 << 20)).isNull();
        assertThatThrownBy(() -> decode("gzip", wrongSize)).isInstanceOf(DecodeException.class);

        byte[] truncated = Arrays.copyOf(gzip, gzip.length - 12);
        assertThat(GzipFastPath.inflate(truncated, 1 << 20)).isNull();
        assertThatThrownBy(() -> decode("gzip", truncated)).isInstanceOf(DecodeException.class);

        byte[] notGzip = "plain text, not gzip".getBytes(UTF_8);
        assertThat(GzipFastPath.inflate(notGzip, 1 << 20)).isNull();
        assertThatThrownBy(() -> decode("gzip", notGzip)).isInstanceOf(DecodeException.class);
    }

    @Test
    void aTrailerClaimingMoreThanTheLimitIsLeftToTheGeneralPath() throws Exception {
        byte[] gzip = gzip(new byte[1000]);
        assertThat(GzipFastPath.inflate(gzip, 999)).isNull();
        assertThat(GzipFastPath.inflate(gzip, 1000)).hasSize(1000);
    }

    @Test
    void deflateWithAndWithoutItsZlibHeaderAndZstdDecode() throws Exception {
        byte[] body = "{\"message\":\"deflated\"}".getBytes(UTF_8);
        assertThat(decode("deflate", deflate(body, false))).isEqualTo(body);
        assertThat(decode("deflate", deflate(body, true))).isEqualTo(body);
        assertThat(decode("zstd", zstd(body))).isEqualTo(body);
        assertThat(decode("identity", body)).isEqualTo(body);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhateverItsEncoding() throws Exception {
        byte[] body = new byte[5000];
        for (String encoding : new String[] {"identity", "gzip", "deflate", "zstd"}) {
            byte[] stored = switch (encoding) {
                case "gzip" -> gzip(body);
                case "deflate" -> deflate(body, false);
                case "zstd" -> zstd(body);
                default -> body;
            };
            assertThat(StoredBodies.decode(encoding, stored, 5000)).as(encoding).hasSize(5000);
            assertThatThrownBy(() -> StoredBodies.decode(encoding, stored, 4999)).as(encoding)
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining("decodes to more than 4999 bytes");
        }
    }

    @Test
    void theHeadOfABombDecodesOnlyItsStart() throws Exception {
        byte[] bomb = gzip(new byte[64 << 20]); // 64 MiB of zeros in about 64 KiB
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(StoredBodies.head("gzip", bomb, 100)).hasSize(100).containsOnly((byte) 0);
        assertThat(StoredBodies.head("zstd", zstd(new byte[1 << 20]), 10)).hasSize(10);
        assertThat(StoredBodies.head("identity", new byte[] {1, 2, 3}, 2)).containsExactly(1, 2);
    }

    @Test
    void unknownEncodingsAndCorruptBrotliAreDecodeErrors() {
        assertThat(StoredBodies.isKnown("br")).isTrue();
        assertThat(StoredBodies.isKnown("compress")).isFalse();
        assertThatThrownBy(() -> decode("compress", new byte[] {1, 2, 3}))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown stored encoding 'compress'");
        assertThatThrownBy(() -> decode("br", new byte[] {(byte) 0xff, (byte) 0xff, 0, 1, 2, 3}))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("stored br body does not decode");
    }

    private static byte[] decode(String encoding, byte[] body) throws DecodeException {
        return StoredBodies.decode(encoding, body, 1 << 20);
    }

    private static byte[] jdk(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static byte[] deflate(byte[] body, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(body);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] body) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(body.length)];
        int n = compressor.compress(body, 0, body.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    /** A gzip member written by hand, with the optional header fields the flags name. */
    private static byte[] member(byte[] body, int flags, String name, String comment, byte[] extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 255});
        if (extra != null) {
            out.write(extra.length & 0xff);
            out.write(extra.length >>> 8);
            out.write(extra);
        }
        if (name != null) {
            out.write(name.getBytes(UTF_8));
            out.write(0);
        }
        if (comment != null) {
            out.write(comment.getBytes(UTF_8));
            out.write(0);
        }
        if ((flags & 0x02) != 0) {
            CRC32 headerCrc = new CRC32();
            headerCrc.update(out.toByteArray());
            long value = headerCrc.getValue();
            out.write((int) value & 0xff);
            out.write((int) (value >>> 8) & 0xff);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(body);
        deflater.finish();
        byte[] buffer = new byte[body.length + 64];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(body);
        writeIntLe(out, crc.getValue());
        writeIntLe(out, body.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] text(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        String alphabet = "{}[]\":,abcdefghijklmnopqrstuvwxyz0123456789 ";
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
