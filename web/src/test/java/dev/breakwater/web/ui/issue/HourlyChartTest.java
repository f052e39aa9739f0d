package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.TimeCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyChartTest {

    @Test
    void writesEpochSecondsAndCountsForTheChartScript() {
        Instant from = Instant.parse("2026-03-10T10:00:00Z");
        HourlyChart chart = HourlyChart.of(List.of(
                new TimeCount(from, 0), new TimeCount(from.plusSeconds(3600), 5), new TimeCount(from.plusSeconds(7200), 2)));

        assertThat(chart.series()).isEqualTo("{\"x\":[1773136800,1773140400,1773144000],\"y\":[0,5,2]}");
        assertThat(chart.total()).isEqualTo(7);
        assertThat(chart.hours()).isEqualTo(3);
    }
}
