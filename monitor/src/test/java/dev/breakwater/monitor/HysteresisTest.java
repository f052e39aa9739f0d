package dev.breakwater.monitor;

import static dev.breakwater.monitor.ComponentStatus.DEGRADED;
import static dev.breakwater.monitor.ComponentStatus.MAJOR_OUTAGE;
import static dev.breakwater.monitor.ComponentStatus.OPERATIONAL;
import static dev.breakwater.monitor.ComponentStatus.PARTIAL_OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HysteresisTest {
    @Test
    void worseStatusIsPublishedAfterTwoSamples() {
        Hysteresis hysteresis = new Hysteresis(2, 6, OPERATIONAL);

        assertThat(hysteresis.observe(MAJOR_OUTAGE)).isEmpty();
        assertThat(hysteresis.observe(MAJOR_OUTAGE)).hasValue(MAJOR_OUTAGE);
        assertThat(hysteresis.published()).isEqualTo(MAJOR_OUTAGE);
        assertThat(hysteresis.observe(MAJOR_OUTAGE)).isEmpty();
    }

    @Test
    void oneSampleBlipPublishesNothing() {
        Hysteresis hysteresis = new Hysteresis(2, 6, OPERATIONAL);

        for (int i = 0; i < 20; i++) {
            assertThat(hysteresis.observe(i % 3 == 0 ? PARTIAL_OUTAGE : OPERATIONAL)).isEmpty();
        }
        assertThat(hysteresis.published()).isEqualTo(OPERATIONAL);
    }

    @Test
    void betterStatusIsPublishedAfterSixSamples() {
        Hysteresis hysteresis = new Hysteresis(2, 6, MAJOR_OUTAGE);

        for (int i = 0; i < 5; i++) {
            assertThat(hysteresis.observe(OPERATIONAL)).isEmpty();
        }
        assertThat(hysteresis.observe(OPERATIONAL)).hasValue(OPERATIONAL);
    }

    @Test
    void aRelapseRestartsTheRecovery() {
        Hysteresis hysteresis = new Hysteresis(2, 6, DEGRADED);

        for (int i = 0; i < 5; i++) {
            hysteresis.observe(OPERATIONAL);
        }
        assertThat(hysteresis.observe(DEGRADED)).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(hysteresis.observe(OPERATIONAL)).isEmpty();
        }
        assertThat(hysteresis.observe(OPERATIONAL)).hasValue(OPERATIONAL);
    }

    @Test
    void publishesTheMildestStatusThatHeld() {
        Hysteresis worsening = new Hysteresis(2, 6, OPERATIONAL);
        worsening.observe(DEGRADED);
        assertThat(worsening.observe(MAJOR_OUTAGE)).as("degraded or worse held, major outage did not")
                .hasValue(DEGRADED);
        assertThat(worsening.observe(MAJOR_OUTAGE)).isEmpty();
        assertThat(worsening.observe(MAJOR_OUTAGE)).hasValue(MAJOR_OUTAGE);

        Hysteresis improving = new Hysteresis(2, 3, MAJOR_OUTAGE);
        improving.observe(OPERATIONAL);
        improving.observe(DEGRADED);
        assertThat(improving.observe(OPERATIONAL)).hasValue(DEGRADED);
    }

    @Test
    void countsMustBePositive() {
        assertThatThrownBy(() -> new Hysteresis(0, 6, OPERATIONAL)).hasMessageContaining("monitor.worsen-after");
        assertThatThrownBy(() -> new Hysteresis(2, 0, OPERATIONAL)).hasMessageContaining("monitor.improve-after");
        assertThat(new Hysteresis(1, 1, OPERATIONAL).observe(DEGRADED)).isEqualTo(Optional.of(DEGRADED));
    }
}
