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

    @Test
    void randomEventIdsAreLowercaseHexUniqueAndUnordered() throws UsageException {
        EventIds ids = EventIds.Order.parse("random").start();
        byte[] id = new byte[32];
        Set<String> seen = new HashSet<>();
        String previous = "";
        int ascending = 0;
        for (int i = 0; i < 4000; i++) {
            ids.next(id);
            String text = new String(id, StandardCharsets.US_ASCII);
            assertThat(text).matches("[0-9a-f]{32}");
            seen.add(text);
            if (text.compareTo(previous) > 0) {
                ascending++;
            }
            previous = text;
        }
        assertThat(seen).hasSize(4000);
        // a counter would ascend every time; independent random ids do so about half the time
        assertThat(ascending).isBetween(1000, 3000);
        // and every hex digit shows up in every position
        for (int position = 0; position < 32; position++) {
            Set<Character> digits = new HashSet<>();
            for (String text : seen) {
                digits.add(text.charAt(position));
            }
            assertThat(digits).as("digits at position %d", position).hasSize(16);
        }
    }

    @Test
    void sequentialEventIdsAscendWithinARun() throws UsageException {
        EventIds ids = EventIds.Order.parse("sequential").start();
        byte[] id = new byte[32];
        String previous = "";
        for (int i = 0; i < 1000; i++) {
            ids.next(id);
            String text = new String(id, StandardCharsets.US_ASCII);
            assertThat(text).isGreaterThan(previous);
            previous = text;
        }
    }

    @Test
    void anUnknownIdOrderIsAUsageError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventIds.Order.parse("uuid"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("sequential or random");
    }
}
