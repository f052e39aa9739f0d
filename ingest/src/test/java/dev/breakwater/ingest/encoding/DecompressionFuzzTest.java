package dev.breakwater.ingest.encoding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.IngestException;
import java.io.ByteArrayInputStream;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, decoding ends in a body within the limits or an {@link IngestException}, never anything else. */
class DecompressionFuzzTest {
    private static final byte[] SAMPLE =
            ("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"tags\":{\"a\":\"b\"},\"message\":\""
                            + "The quick brown fox jumps over the lazy dog. ".repeat(40) + "\"}")
                    .getBytes(UTF_8);
    private static final int DECODED_LIMIT = 64 * 1024;

    private final InflightBytes budget = new InflightBytes(64L << 20);
    private final BodyDecoder decoder = new BodyDecoder(new BodyLimits(1 << 20, DECODED_LIMIT), budget);

    @Property(tries = 400)
    void arbitraryBytesDecodeOrFailWithIngestException(
            @ForAll("encodings") String encoding, @ForAll @Size(max = 600) byte[] body) {
        decodeOrRefuse(encoding, body);
    }

    @Property(tries = 600)
    void mutatedStreamsDecodeOrFailWithIngestException(@ForAll("encodings") String encoding, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] body = valid(encoding).clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            body[random.nextInt(body.length)] ^= (byte) (1 + random.nextInt(255));
        }
        if (random.nextBoolean()) {
            body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
        }
        decodeOrRefuse(encoding, body);
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of("gzip", "deflate", "br", "zstd");
    }

    private void decodeOrRefuse(String encoding, byte[] body) {
        try (DecodedBody decoded = decoder.read(encoding, body.length, new ByteArrayInputStream(body))) {
            assertThat(decoded.decodedLength()).isLessThanOrEqualTo(DECODED_LIMIT);
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError("decoding " + encoding + " failed with " + e, e);
        }
        assertThat(budget.inUse()).isZero();
    }

    private static byte[] valid(String encoding) {
        return switch (encoding) {
            case "gzip" -> Compress.gzip(SAMPLE);
            case "deflate" -> Compress.zlib(SAMPLE);
            case "br" -> Compress.Brotli.REPEATED_LINES;
            default -> Compress.zstd(SAMPLE);
        };
    }
}
