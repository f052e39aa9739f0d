package dev.breakwater.web.ui.issue;

import dev.breakwater.store.TimeCount;
import java.util.List;

/**
 * The data of an issue page's hourly chart: the {@code data-series} JSON that {@code app.js} draws with uPlot
 * ({@code {"x": [epoch seconds...], "y": [counts...]}}) and the total that readers without JavaScript see instead.
 * The JSON holds numbers only, so nothing from an event can reach the script.
 */
public record HourlyChart(String series, long total, int hours) {
    static HourlyChart of(List<TimeCount> buckets) {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        long total = 0;
        for (TimeCount bucket : buckets) {
            if (!x.isEmpty()) {
                x.append(',');
                y.append(',');
            }
            x.append(bucket.start().getEpochSecond());
            y.append(bucket.count());
            total += bucket.count();
        }
        return new HourlyChart("{\"x\":[" + x + "],\"y\":[" + y + "]}", total, buckets.size());
    }
}
