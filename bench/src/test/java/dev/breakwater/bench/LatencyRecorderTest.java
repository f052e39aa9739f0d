package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private final LatencyRecorder recorder = new LatencyRecorder();

    @Test
    void acceptedAndRefusedLatenciesGoToSeparateHistograms() {
        for (int ms = 1; ms <= 100; ms++) {
            recorder.sent();
            recorder.response(new HttpResponse(200, false, false, false), TimeUnit.MILLISECONDS.toNanos(ms));
        }
        recorder.sent();
        recorder.response(new HttpResponse(429, true, true, false), TimeUnit.MICROSECONDS.toNanos(50));

        Histogram accepted = recorder.acceptedLatencies();
        assertThat(accepted.getTotalCount()).isEqualTo(100);
        assertThat(accepted.getValueAtPercentile(50)).isBetween(49_900L, 50_100L); // microseconds
        assertThat(accepted.getMaxValue()).isBetween(99_900L, 100_100L);
        assertThat(recorder.refusedLatencies().getTotalCount()).isEqualTo(1);
    }

    @Test
    void countsEveryOutcomeOnce() {
        response(200, false);
        response(204, false);
        response(429, true);
        response(429, false);
        response(503, true);
        response(400, false);
        response(400, false);
        recorder.error(new SocketTimeoutException());
        recorder.error(new IOException());

        ObjectNode json = recorder.countsJson(2.0);
        assertThat(json.get("accepted").asLong()).isEqualTo(2);
        assertThat(json.get("refused429").asLong()).isEqualTo(2);
        assertThat(json.get("refused429WithRetryAfter").asLong()).isEqualTo(1);
        assertThat(json.get("refused503").asLong()).isEqualTo(1);
        assertThat(json.get("otherStatus").get("400").asLong()).isEqualTo(2);
        assertThat(json.get("errors").get("SocketTimeoutException").asLong()).isEqualTo(1);
        assertThat(json.get("errors").get("IOException").asLong()).isEqualTo(1);
        assertThat(json.get("acceptedPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(recorder.otherStatusCount()).isEqualTo(2);
        assertThat(recorder.errorCount()).isEqualTo(2);
    }

    @Test
    void latenciesBeyondAnHourAreClampedNotLost() {
        recorder.response(new HttpResponse(200, false, false, false), TimeUnit.HOURS.toNanos(3));
        recorder.response(new HttpResponse(200, false, false, false), -5);

        Histogram accepted = recorder.acceptedLatencies();
        assertThat(accepted.getTotalCount()).isEqualTo(2);
        assertThat(accepted.getMaxValue()).isGreaterThanOrEqualTo(LatencyRecorder.HIGHEST_MICROS);
    }

    @Test
    void percentilesAreReportedInMilliseconds() {
        recorder.response(new HttpResponse(200, false, false, false), TimeUnit.MICROSECONDS.toNanos(1500));

        ObjectNode json = LatencyRecorder.percentilesJson(recorder.acceptedLatencies());
        assertThat(json.get("count").asLong()).isEqualTo(1);
        assertThat(json.get("p50").asDouble()).isBetween(1.499, 1.501);
        assertThat(json.get("p999").asDouble()).isBetween(1.499, 1.501);
        assertThat(LatencyRecorder.percentilesJson(recorder.refusedLatencies()).has("p50")).isFalse();
    }

    private void response(int status, boolean retryAfter) {
        recorder.sent();
        recorder.response(new HttpResponse(status, retryAfter, false, false), 1_000_000);
    }
}
