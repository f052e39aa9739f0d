package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.TimeCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyBucketsTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");

    @Test
    void endsWithTheHourNowRunning() {
        HourlyBuckets day = HourlyBuckets.endingAt(NOW, 24);
        HourlyBuckets threeDays = HourlyBuckets.endingAt(NOW, 72);

        assertThat(day.from()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
        assertThat(threeDays.from()).isEqualTo(Instant.parse("2026-03-07T13:00:00Z"));
        assertThat(threeDays.to()).isEqualTo(day.to());
    }

    @Test
    void fillsEveryHourWithoutEventsWithZero() {
        HourlyBuckets window = HourlyBuckets.endingAt(NOW, 24);

        List<TimeCount> buckets = window.fill(List.of(
                new TimeCount(Instant.parse("2026-03-09T13:00:00Z"), 4),
                new TimeCount(Instant.parse("2026-03-10T12:00:00Z"), 7)));

        assertThat(buckets).hasSize(24);
        assertThat(buckets.getFirst()).isEqualTo(new TimeCount(Instant.parse("2026-03-09T13:00:00Z"), 4));
        assertThat(buckets.get(1)).isEqualTo(new TimeCount(Instant.parse("2026-03-09T14:00:00Z"), 0));
        assertThat(buckets.getLast()).isEqualTo(new TimeCount(Instant.parse("2026-03-10T12:00:00Z"), 7));
        assertThat(buckets.stream().mapToLong(TimeCount::count).sum()).isEqualTo(11);
    }

    @Test
    void givesZerosWhenTheStoreHasNothing() {
        List<TimeCount> buckets = HourlyBuckets.endingAt(NOW, 72).fill(List.of());

        assertThat(buckets).hasSize(72).allSatisfy(bucket -> assertThat(bucket.count()).isZero());
        assertThat(buckets.get(1).start()).isEqualTo(buckets.get(0).start().plusSeconds(3600));
    }

    @Test
    void leavesOutCountsOutsideTheWindowAndMergesUnalignedOnes() {
        HourlyBuckets window = HourlyBuckets.endingAt(NOW, 24);

        List<TimeCount> buckets = window.fill(List.of(
                new TimeCount(Instant.parse("2026-03-09T12:59:59Z"), 100),
                new TimeCount(Instant.parse("2026-03-10T05:00:00Z"), 1),
                new TimeCount(Instant.parse("2026-03-10T05:30:00Z"), 2),
                new TimeCount(Instant.parse("2026-03-10T13:00:00Z"), 100)));

        assertThat(buckets.stream().mapToLong(TimeCount::count).sum()).isEqualTo(3);
        assertThat(buckets.get(16)).isEqualTo(new TimeCount(Instant.parse("2026-03-10T05:00:00Z"), 3));
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> HourlyBuckets.endingAt(NOW, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
