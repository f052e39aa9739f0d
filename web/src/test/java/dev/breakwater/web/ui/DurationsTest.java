package dev.breakwater.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void roundsToTheTwoLargestUnits() {
        assertThat(Durations.human(0)).isEqualTo("0 s");
        assertThat(Durations.human(42.4)).isEqualTo("42 s");
        assertThat(Durations.human(60)).isEqualTo("1 min");
        assertThat(Durations.human(185)).isEqualTo("3 min 5 s");
        assertThat(Durations.human(7800)).isEqualTo("2 h 10 min");
        assertThat(Durations.human(3 * 86_400 + 3600 * 4)).isEqualTo("3 d 4 h");
        assertThat(Durations.human(-5)).isEqualTo("0 s");
    }

    @Test
    void agesReadNaturally() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(Durations.ago(now.minusMillis(300), now)).isEqualTo("just now");
        assertThat(Durations.ago(now.minusSeconds(125), now)).isEqualTo("2 min 5 s ago");
    }
}
