package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.pipeline.LaneStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One lane in a sample: the pipeline's figures plus what only consecutive samples show, since when it has been
 * retrying and how many records it quarantined within the quarantine window.
 */
public record LaneHealth(LaneStatus status, Optional<Instant> retryingSince, long quarantineGrowth) {
    public LaneHealth {
        requireNonNull(status, "status is null");
        requireNonNull(retryingSince, "retryingSince is null");
    }

    public String name() {
        return status.name();
    }

    /** How long it has been retrying at {@code now}; zero when it is not. */
    public Duration retryingFor(Instant now) {
        return retryingSince.map(since -> Duration.between(since, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }
}
