package dev.breakwater.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private final RecordCodec codec = new RecordCodec("events", "nöde-1");

    private static ByteBuffer payload(ByteBuffer[] frame) {
        ByteBuffer all = ByteBuffer.allocate(frame[0].remaining() + frame[1].remaining());
        all.put(frame[0].duplicate()).put(frame[1].duplicate()).flip();
        return all.position(Frame.HEAD_BYTES).slice();
    }

    @Test
    void aRecordReadsBackAsItWasWritten() {
        byte[] body = "{\"message\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
        RecordDraft draft =
                new RecordDraft("prøject", "sentry-store", "application/json", "gzip", ByteBuffer.wrap(body));

        RecordCodec.EncodedDraft encoded = codec.encode(draft);
        ByteBuffer[] frame = codec.frame(encoded, 42, 1_700_000_000_000L);
        SpoolRecord record = RecordCodec.decode(7, payload(frame));

        assertThat(frame[0].remaining() + frame[1].remaining()).isEqualTo(encoded.frameBytes());
        assertThat(frame[0].getInt(0)).isEqualTo(encoded.frameBytes() - Frame.HEAD_BYTES);
        assertThat(record.offset()).isEqualTo(7);
        assertThat(record.header())
                .isEqualTo(new RecordHeader("events", "prøject", "nöde-1", 42, 1_700_000_000_000L, "sentry-store",
                        "application/json", "gzip"));
        assertThat(Fixtures.bytes(record.body())).isEqualTo(body);
        assertThat(record.body().isReadOnly()).isTrue();
    }

    @Test
    void theBodyIsTheCallersBufferNotACopy() {
        ByteBuffer body = ByteBuffer.allocateDirect(16).put(new byte[16]).flip();
        ByteBuffer[] frame = codec.frame(codec.encode(Fixtures.draft(new byte[0])), 0, 0);
        assertThat(frame[1].remaining()).isZero();

        ByteBuffer[] direct = codec.frame(
                codec.encode(new RecordDraft("p", "s", "c", "e", body)), 0, 0);
        assertThat(direct[1].isDirect()).isTrue();
        assertThat(body.position()).isZero();
    }

    @Test
    void refusesAnotherFormatVersion() {
        ByteBuffer payload = payload(codec.frame(codec.encode(Fixtures.draft(new byte[3])), 1, 1));
        payload.put(0, (byte) 2);

        assertThatThrownBy(() -> RecordCodec.decode(0, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record format version 2 is not the one this build reads (1)");
    }

    @Test
    void refusesAHeaderStringLongerThan65535Bytes() {
        RecordDraft draft = new RecordDraft("p".repeat(65_536), "s", "c", "e", ByteBuffer.allocate(0));

        assertThatThrownBy(() -> codec.encode(draft))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("project must be at most 65535 bytes of UTF-8, was 65536");
    }
}
