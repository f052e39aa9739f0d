package dev.breakwater.web.ui.issue;

import dev.breakwater.store.TimeCount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The points of a small line chart of hourly counts, drawn server-side as an SVG {@code <polyline>} in a
 * {@value #WIDTH}×{@value #HEIGHT} view box: the first bucket at x = 0, the last at x = {@value #WIDTH}, the busiest
 * hour at the top and empty hours on the bottom line (one unit inside the box, so the stroke is not cut off).
 *
 * @param points the polyline's {@code points} attribute, e.g. {@code "0,23 4.17,12 ..."}
 * @param total  the events in all buckets
 * @param hours  how many buckets the line covers
 */
public record Sparkline(String points, long total, int hours) {
    static final int WIDTH = 96;
    static final int HEIGHT = 24;
    private static final double MARGIN = 1;

    static Sparkline of(List<TimeCount> buckets) {
        long max = 0;
        long total = 0;
        for (TimeCount bucket : buckets) {
            max = Math.max(max, bucket.count());
            total += bucket.count();
        }
        StringBuilder points = new StringBuilder();
        int n = buckets.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : (double) WIDTH * i / (n - 1);
            double height = HEIGHT - 2 * MARGIN;
            double y = HEIGHT - MARGIN - (max == 0 ? 0 : height * buckets.get(i).count() / max);
            if (i > 0) {
                points.append(' ');
            }
            points.append(number(x)).append(',').append(number(y));
        }
        return new Sparkline(points.toString(), total, n);
    }

    /** The text a screen reader reads instead of the picture. */
    public String label() {
        return "events per hour in the last " + hours + " hours: " + total + " in total";
    }

    /** Two decimals at most, no trailing zeros, never an exponent: SVG attributes want plain numbers. */
    private static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
