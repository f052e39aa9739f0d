package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.TimeCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {
    private static final Instant FROM = Instant.parse("2026-03-09T13:00:00Z");

    @Test
    void drawsAQuietDayOnTheBottomLineAcrossTheWholeBox() {
        Sparkline line = Sparkline.of(counts(new long[24]));

        String[] points = line.points().split(" ");
        assertThat(points).hasSize(24);
        assertThat(points[0]).isEqualTo("0,23");
        assertThat(points[1]).isEqualTo("4.17,23");
        assertThat(points[23]).isEqualTo("96,23");
        assertThat(line.total()).isZero();
        assertThat(line.label()).isEqualTo("events per hour in the last 24 hours: 0 in total");
    }

    @Test
    void putsTheBusiestHourAtTheTopAndScalesTheRest() {
        long[] counts = new long[24];
        counts[10] = 8;
        counts[11] = 4;
        counts[23] = 2;

        Sparkline line = Sparkline.of(counts(counts));

        String[] points = line.points().split(" ");
        assertThat(points[10]).isEqualTo("41.74,1");
        assertThat(points[11]).isEqualTo("45.91,12");
        assertThat(points[23]).isEqualTo("96,17.5");
        assertThat(points[0]).isEqualTo("0,23");
        assertThat(line.total()).isEqualTo(14);
        assertThat(line.label()).isEqualTo("events per hour in the last 24 hours: 14 in total");
    }

    @Test
    void staysInsideTheViewBox() {
        long[] counts = new long[24];
        Arrays.setAll(counts, i -> (i * 7919L) % 13);

        for (String point : Sparkline.of(counts(counts)).points().split(" ")) {
            double x = Double.parseDouble(point.split(",")[0]);
            double y = Double.parseDouble(point.split(",")[1]);
            assertThat(x).isBetween(0.0, (double) Sparkline.WIDTH);
            assertThat(y).isBetween(1.0, Sparkline.HEIGHT - 1.0);
        }
    }

    @Test
    void drawsASingleBucketAsOnePoint() {
        assertThat(Sparkline.of(counts(new long[] {3})).points()).isEqualTo("0,1");
        assertThat(Sparkline.of(List.of()).points()).isEmpty();
    }

    private static List<TimeCount> counts(long[] values) {
        List<TimeCount> buckets = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            buckets.add(new TimeCount(FROM.plusSeconds(3600L * i), values[i]));
        }
        return buckets;
    }
}
