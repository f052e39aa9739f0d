package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimestampsAndIdsTest {

    @Test
    void rfc3339MillisMatchesInstantFormattingAcrossSecondBoundaries() {
        Rfc3339Millis format = new Rfc3339Millis();
        long start = Instant.parse("2026-12-31T23:59:58.990Z").toEpochMilli();
        for (long t = start; t < start + 2_100; t += 7) {
            String expected = Instant.ofEpochMilli(t).toString();
            if (expected.length() == 20) { // Instant drops a zero fraction
                expected = expected.replace("Z", ".000Z");
            }
            assertThat(new String(format.format(t), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void eventIdsAreLowercaseHexAndUniqueAcrossStreams() {
        Set<String> ids = new HashSet<>();
        byte[] id = new byte[32];
        for (int stream = 0; stream < 4; stream++) {
            EventIdSequence sequence = new EventIdSequence(0x5eedL, stream);
            for (int i = 0; i < 1000; i++) {
                sequence.next(id);
                String text = new String(id, StandardCharsets.US_ASCII);
                assertThat(text).matches("[0-9a-f]{32}");
                ids.add(text);
            }
        }
        assertThat(ids).hasSize(4000);
    }
}
