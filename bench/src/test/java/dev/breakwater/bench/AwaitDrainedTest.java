package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full processing rate is timed over the samples of full-speed draining only: not the lane's start-up after
 * resume, not the idle end of the last interval.
 */
class AwaitDrainedTest {

    @Test
    void startUpAndTheIdleTailAreLeftOut() {
        // resumed at 0 with 40,000 waiting; nothing processed for the first second (start-up), then 10,000/s until
        // the backlog is gone at 5.0 s; sampled every 0.25 s, the last sample at 5.2 s
        List<LaneSample> samples = new ArrayList<>();
        for (double t = 0; t <= 5.2 + 1e-9; t += 0.25) {
            double processed = 1_000_000 + Math.max(0, Math.min(40_000, (t - 1.0) * 10_000));
            samples.add(sample(t, 1_040_000 - (long) processed, processed));
        }
        samples.add(sample(5.2, 0, 1_040_000));

        AwaitDrained.DrainRate rate = AwaitDrained.fullSpeed(samples).orElseThrow();

        assertThat(rate.perSecond()).isCloseTo(10_000, within(1.0));
        assertThat(rate.seconds()).isCloseTo(3.5, within(1e-9)); // 1.25 s (first progress) to 4.75 s (last backlog)
        // timed from the first sample to the drained one, as before, the same drain read 7,692/s
        assertThat(samples.getLast().processedPerSecondSince(samples.getFirst())).isLessThan(8_000);
    }

    @Test
    void aDrainTooShortToTimeHasNoRate() {
        List<LaneSample> samples = List.of(
                sample(0, 3_000, 0), sample(0.25, 1_000, 2_000), sample(0.5, 0, 3_000));

        assertThat(AwaitDrained.fullSpeed(samples)).isEmpty();
    }

    @Test
    void withoutTheCounterThereIsNoRate() {
        assertThat(AwaitDrained.fullSpeed(List.of(sample(0, 10, Double.NaN), sample(2, 0, Double.NaN)))).isEmpty();
    }

    private static LaneSample sample(double seconds, long backlog, double processed) {
        return new LaneSample(seconds, "running", backlog, 0, 0, Double.NaN, 0, processed);
    }
}
