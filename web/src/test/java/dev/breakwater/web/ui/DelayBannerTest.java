package dev.breakwater.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.pipeline.PipelineStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelayBannerTest {
    private static final Duration THRESHOLD = Duration.ofSeconds(30);

    @Test
    void hiddenUpToTheThreshold() {
        assertThat(DelayBanner.of(status(0, Optional.empty()), THRESHOLD).visible()).isFalse();
        assertThat(DelayBanner.of(status(30, Optional.empty()), THRESHOLD).visible()).isFalse();
    }

    @Test
    void beyondItShowsTheDelayAndTheEta() {
        DelayBanner banner = DelayBanner.of(status(95, Optional.of(40.0)), THRESHOLD);

        assertThat(banner.visible()).isTrue();
        assertThat(banner.delay()).isEqualTo("1 min 35 s");
        assertThat(banner.eta()).contains("40 s");
    }

    @Test
    void withoutAnEtaItSaysSo() {
        DelayBanner banner = DelayBanner.of(status(31, Optional.empty()), THRESHOLD);

        assertThat(banner.visible()).isTrue();
        assertThat(banner.eta()).isEmpty();
    }

    private static PipelineStatus status(double delay, Optional<Double> eta) {
        return new PipelineStatus(delay, eta, List.of(), List.of());
    }
}
