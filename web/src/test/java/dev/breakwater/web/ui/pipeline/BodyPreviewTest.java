package dev.breakwater.web.ui.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyPreviewTest {

    @Test
    void shortTextIsShownWholeOnOneLine() {
        BodyPreview preview = BodyPreview.of("identity", "{\"message\":\n  \"boom\"}\n".getBytes(UTF_8));

        assertThat(preview.readable()).isTrue();
        assertThat(preview.text()).isEqualTo("{\"message\": \"boom\"}");
    }

    @Test
    void longTextIsCutAtTheLimitWithAnEllipsis() {
        BodyPreview preview = BodyPreview.of("identity", "é".repeat(5000).getBytes(UTF_8));

        assertThat(preview.readable()).isTrue();
        assertThat(preview.text()).hasSize(BodyPreview.MAX_CHARS + 1).endsWith("\u2026");
    }

    @Test
    void aCutInsideAMultiByteCharacterIsStillText() {
        // 2000 bytes of 3-byte characters end mid-character: that is the cut, not bad UTF-8
        BodyPreview preview = BodyPreview.of("identity", "€".repeat(700).getBytes(UTF_8));

        assertThat(preview.readable()).isTrue();
        assertThat(preview.text()).startsWith("€€€").endsWith("\u2026");
        assertThat(preview.text().codePointCount(0, preview.text().length())).isEqualTo(BodyPreview.MAX_CHARS + 1);
    }

    @Test
    void textThatEndsBeforeTheLimitHasNoEllipsis() {
        assertThat(BodyPreview.of("identity", "x".repeat(BodyPreview.MAX_CHARS).getBytes(UTF_8)).text())
                .isEqualTo("x".repeat(BodyPreview.MAX_CHARS));
    }

    @Test
    void invalidUtf8IsBinary() {
        BodyPreview preview = BodyPreview.of("identity", new byte[] {'a', (byte) 0xc3, 'b', (byte) 0xff});

        assertThat(preview.readable()).isFalse();
        assertThat(preview.text()).isEqualTo("(binary, 4 bytes)");
    }

    @Test
    void controlCharactersMakeItBinary() {
        assertThat(BodyPreview.of("identity", new byte[] {'a', 0, 'b'}).text()).isEqualTo("(binary, 3 bytes)");
        assertThat(BodyPreview.of("identity", "a\tb\r\nc".getBytes(UTF_8)).text()).isEqualTo("a b c");
    }

    @Test
    void anIncompleteCharacterAtTheVeryEndIsBinary() {
        assertThat(BodyPreview.of("identity", new byte[] {'a', (byte) 0xe2, (byte) 0x82}).readable()).isFalse();
    }

    @Test
    void markupIsKeptAsTextForTheTemplateToEscape() {
        assertThat(BodyPreview.of("identity", "<script>alert(1)</script>".getBytes(UTF_8)).text())
                .isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void gzipAndDeflateBodiesAreInflated() throws IOException {
        byte[] json = "{\"level\":\"error\"}".getBytes(UTF_8);

        assertThat(BodyPreview.of("gzip", gzip(json)).text()).isEqualTo("{\"level\":\"error\"}");
        assertThat(BodyPreview.of("deflate", deflate(json, false)).text()).isEqualTo("{\"level\":\"error\"}");
        assertThat(BodyPreview.of("deflate", deflate(json, true)).text()).isEqualTo("{\"level\":\"error\"}");
    }

    @Test
    void onlyTheStartOfABigCompressedBodyIsInflated() throws IOException {
        byte[] bomb = gzip(new byte[64 << 20]);

        BodyPreview preview = BodyPreview.of("gzip", bomb);

        assertThat(preview.text()).isEqualTo("(binary, " + bomb.length + " bytes)");
    }

    @Test
    void aCompressedBodyThatDoesNotInflateSaysSo() {
        assertThat(BodyPreview.of("gzip", "not gzip".getBytes(UTF_8)).text())
                .isEqualTo("(gzip body that does not decompress, 8 bytes)");
    }

    @Test
    void zstdBodiesArePreviewedAndDamagedBrotliSaysSo() throws IOException {
        byte[] json = "{\"level\":\"warning\"}".getBytes(UTF_8);
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(zstd)) {
            out.write(json);
        }

        assertThat(BodyPreview.of("zstd", zstd.toByteArray()).text()).isEqualTo("{\"level\":\"warning\"}");
        assertThat(BodyPreview.of("br", new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3}).text())
                .isEqualTo("(br body that does not decompress, 5 bytes)");
    }

    @Test
    void anEncodingTheDecoderDoesNotKnowIsDescribed() {
        BodyPreview preview = BodyPreview.of("compress", new byte[] {1, 2, 3});

        assertThat(preview.text()).isEqualTo("(compress-encoded, 3 bytes)");
        assertThat(preview.readable()).isFalse();
    }

    @Test
    void emptyAndBlankBodiesSaySo() {
        assertThat(BodyPreview.of("identity", new byte[0]).text()).isEqualTo("(empty)");
        assertThat(BodyPreview.of("identity", "  \n ".getBytes(UTF_8)).text()).isEqualTo("(blank, 4 bytes)");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
