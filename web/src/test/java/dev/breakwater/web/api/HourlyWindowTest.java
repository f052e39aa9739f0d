package dev.breakwater.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.TimeCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyWindowTest {

    @Test
    void coversTheLast24HoursEndingWithTheCurrentOne() {
        HourlyWindow window = HourlyWindow.endingAt(Instant.parse("2026-03-10T12:59:59.999Z"));

        assertThat(window.from()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    }

    @Test
    void startsANewWindowOnTheHour() {
        HourlyWindow window = HourlyWindow.endingAt(Instant.parse("2026-03-10T13:00:00Z"));

        assertThat(window.from()).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
        assertThat(window.to()).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
    }

    @Test
    void fillsHoursWithoutEventsWithZeros() {
        HourlyWindow window = HourlyWindow.endingAt(Instant.parse("2026-03-10T12:20:00Z"));

        List<TimeCount> buckets = window.fill(List.of(
                new TimeCount(Instant.parse("2026-03-09T13:00:00Z"), 4),
                new TimeCount(Instant.parse("2026-03-10T12:00:00Z"), 7)));

        assertThat(buckets).hasSize(24);
        assertThat(buckets.get(0)).isEqualTo(new TimeCount(Instant.parse("2026-03-09T13:00:00Z"), 4));
        assertThat(buckets.get(1)).isEqualTo(new TimeCount(Instant.parse("2026-03-09T14:00:00Z"), 0));
        assertThat(buckets.get(23)).isEqualTo(new TimeCount(Instant.parse("2026-03-10T12:00:00Z"), 7));
        assertThat(buckets.stream().mapToLong(TimeCount::count).sum()).isEqualTo(11);
    }

    @Test
    void ignoresCountsOutsideTheWindowAndMergesUnalignedOnes() {
        HourlyWindow window = HourlyWindow.endingAt(Instant.parse("2026-03-10T12:20:00Z"));

        List<TimeCount> buckets = window.fill(List.of(
                new TimeCount(Instant.parse("2026-03-09T12:00:00Z"), 100),
                new TimeCount(Instant.parse("2026-03-10T05:00:00Z"), 1),
                new TimeCount(Instant.parse("2026-03-10T05:30:00Z"), 2),
                new TimeCount(Instant.parse("2026-03-10T13:00:00Z"), 100)));

        assertThat(buckets.stream().mapToLong(TimeCount::count).sum()).isEqualTo(3);
        assertThat(buckets.get(16)).isEqualTo(new TimeCount(Instant.parse("2026-03-10T05:00:00Z"), 3));
    }
}
