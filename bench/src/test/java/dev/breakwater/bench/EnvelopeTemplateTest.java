package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class EnvelopeTemplateTest {

    private static final byte[] ID = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME = "2030-12-31T23:59:59.999Z".getBytes(StandardCharsets.US_ASCII);

    private final EnvelopeTemplate template =
            new EnvelopeCorpus(3, EventSize.REGULAR, 5).next(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void stampingRewritesIdsAndTimesAndKeepsTheGzipValid() {
        template.stamp(ID, TIME);

        EnvelopeFrames envelope = EnvelopeFrames.gunzipAndParse(template.gzip()); // GZIPInputStream checks the CRC
        assertThat(envelope.header().path("event_id").asText()).isEqualTo(new String(ID, StandardCharsets.US_ASCII));
        assertThat(envelope.header().path("sent_at").asText()).isEqualTo(new String(TIME, StandardCharsets.US_ASCII));
        assertThat(envelope.items().getFirst().json().path("event_id").asText()).isEqualTo(new String(ID, StandardCharsets.US_ASCII));
        assertThat(envelope.items().getFirst().json().path("timestamp").asText()).isEqualTo(new String(TIME, StandardCharsets.US_ASCII));
        assertThat(template.uncompressed()).isEqualTo(gunzip(template.gzip()));
    }

    @Test
    void stampingIntoARequestBufferLeavesTheBytesAroundIt() {
        byte[] request = new byte[7 + template.gzipLength() + 3];
        template.copyTo(request, 7);

        template.stamp(request, 7, ID, TIME);

        byte[] body = java.util.Arrays.copyOfRange(request, 7, 7 + template.gzipLength());
        assertThat(EnvelopeFrames.gunzipAndParse(body).header().path("event_id").asText())
                .isEqualTo(new String(ID, StandardCharsets.US_ASCII));
        assertThat(request[0]).isZero();
        assertThat(request[request.length - 1]).isZero();
    }

    @Test
    void copiesStampIndependently() {
        EnvelopeTemplate copy = template.copy();
        copy.stamp(ID, TIME);

        assertThat(EnvelopeFrames.gunzipAndParse(template.gzip()).header().path("event_id").asText())
                .isNotEqualTo(new String(ID, StandardCharsets.US_ASCII));
    }

    @Test
    void aCorruptedStampIsCaughtByTheCrc() {
        byte[] gzip = template.gzip();
        gzip[StoredHeadGzip.HEAD_OFFSET + 14] ^= 1; // inside the envelope header's event id, CRC not fixed

        assertThatThrownBy(() -> gunzip(gzip)).hasRootCauseInstanceOf(ZipException.class);
    }

    @Test
    void rejectsIdsAndTimesOfTheWrongWidth() {
        assertThatThrownBy(() -> template.stamp(new byte[31], TIME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template.stamp(ID, new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedHeadGzipRoundTripsAnyHeadLength() throws IOException {
        byte[] data = "0123456789".repeat(500).getBytes(StandardCharsets.US_ASCII);
        for (int head : new int[] {0, 1, 100, data.length}) {
            byte[] gzip = StoredHeadGzip.encode(data, head);
            assertThat(gunzip(gzip)).isEqualTo(data);
            assertThat(new String(gzip, StoredHeadGzip.HEAD_OFFSET, Math.min(head, 10), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(data, 0, Math.min(head, 10), StandardCharsets.US_ASCII));
        }
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
