package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
    private static final byte[] DOCUMENT = "{\"eventId\":\"abc\",\"message\":\"hello hello hello hello\"}"
            .repeat(50)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void lz4RoundTripsAndCompresses() throws Exception {
        byte[] stored = DocumentCodec.encode(DOCUMENT);
        assertThat(stored.length).isLessThan(DOCUMENT.length / 4);
        assertThat(DocumentCodec.decode(DocumentCodec.ENCODING, stored)).isEqualTo(DOCUMENT);
        assertThat(DocumentCodec.decode("lz4", DocumentCodec.encode(new byte[0]))).isEmpty();
    }

    @Test
    void readsDocumentsStoredWithZlibOrAsThey() throws Exception {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(DOCUMENT);
        }
        assertThat(DocumentCodec.decode("deflate", zlib.toByteArray())).isEqualTo(DOCUMENT);
        assertThat(DocumentCodec.decode("identity", DOCUMENT)).isEqualTo(DOCUMENT);
    }

    @Test
    void damagedOrUnknownDocumentsAreIoErrorsNamingWhy() {
        byte[] stored = DocumentCodec.encode(DOCUMENT);
        assertThatThrownBy(() -> DocumentCodec.decode("lz4", Arrays.copyOf(stored, stored.length / 2)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DocumentCodec.decode("lz4", new byte[] {0x7f, 0, 0, 0, 1}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("impossible length");
        assertThatThrownBy(() -> DocumentCodec.decode("lz4", new byte[] {1}))
                .hasMessageContaining("no length prefix");
        assertThatThrownBy(() -> DocumentCodec.decode("snappy", DOCUMENT)).hasMessageContaining("unknown document encoding");
    }
}
