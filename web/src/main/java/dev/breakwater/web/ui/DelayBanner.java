package dev.breakwater.web.ui;

import dev.breakwater.pipeline.PipelineStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The processing-delay banner (ARCHITECTURE.md "Processing delay"): shown on every page while the pipeline's delay
 * exceeds the threshold, with the delay and the catch-up ETA.
 */
public record DelayBanner(boolean visible, String delay, Optional<String> eta) {
    public static final DelayBanner HIDDEN = new DelayBanner(false, "", Optional.empty());

    public static DelayBanner of(PipelineStatus status, Duration threshold) {
        if (status.delaySeconds() * 1000 <= threshold.toMillis()) {
            return HIDDEN;
        }
        return new DelayBanner(
                true, Durations.human(status.delaySeconds()), status.catchUpEtaSeconds().map(Durations::human));
    }
}
