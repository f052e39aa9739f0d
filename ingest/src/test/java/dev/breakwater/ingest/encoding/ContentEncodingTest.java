package dev.breakwater.ingest.encoding;

import static dev.breakwater.ingest.encoding.BodyDecoderTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.DiscardReason;
import org.junit.jupiter.api.Test;

class ContentEncodingTest {
    @Test
    void parsesTheFiveCodingsRelayAcceptsCaseInsensitively() throws Exception {
        assertThat(ContentEncoding.parse("gzip")).isEqualTo(ContentEncoding.GZIP);
        assertThat(ContentEncoding.parse("X-Gzip")).isEqualTo(ContentEncoding.GZIP);
        assertThat(ContentEncoding.parse("DEFLATE")).isEqualTo(ContentEncoding.DEFLATE);
        assertThat(ContentEncoding.parse(" br ")).isEqualTo(ContentEncoding.BROTLI);
        assertThat(ContentEncoding.parse("Zstd")).isEqualTo(ContentEncoding.ZSTD);
        assertThat(ContentEncoding.parse(null)).isEqualTo(ContentEncoding.IDENTITY);
        assertThat(ContentEncoding.parse("")).isEqualTo(ContentEncoding.IDENTITY);
        assertThat(ContentEncoding.parse("identity")).isEqualTo(ContentEncoding.IDENTITY);
    }

    @Test
    void listsMayNameOneRealCodingBesidesIdentity() throws Exception {
        assertThat(ContentEncoding.parse("gzip, identity")).isEqualTo(ContentEncoding.GZIP);
        assertThat(ContentEncoding.parse("identity,br")).isEqualTo(ContentEncoding.BROTLI);
        assertThat(ContentEncoding.parse(" , ")).isEqualTo(ContentEncoding.IDENTITY);
        assertRefused(
                () -> ContentEncoding.parse("gzip, gzip"),
                DiscardReason.UNSUPPORTED_ENCODING,
                "Content-Encoding 'gzip, gzip' stacks several codings");
    }

    @Test
    void unknownCodingsAreNamedInTheRefusal() {
        assertRefused(
                () -> ContentEncoding.parse("lz4"),
                DiscardReason.UNSUPPORTED_ENCODING,
                "Content-Encoding 'lz4' is not supported; use gzip, deflate, br, zstd or none");
        assertRefused(
                () -> ContentEncoding.parse("a\nb" + "c".repeat(100)), DiscardReason.UNSUPPORTED_ENCODING, "'a?bccc");
    }

    @Test
    void tokensAreCanonical() {
        assertThat(ContentEncoding.BROTLI.token()).isEqualTo("br");
        assertThat(ContentEncoding.GZIP.token()).isEqualTo("gzip");
    }
}
