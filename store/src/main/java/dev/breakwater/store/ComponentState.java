package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A status-page component's published status ({@code operational}, {@code degraded}, {@code partial_outage},
 * {@code major_outage}) and since when; kept so the page and its history survive restarts.
 */
public record ComponentState(String component, String status, Instant since) {
    public ComponentState {
        requireNonNull(component, "component is null");
        requireNonNull(status, "status is null");
        requireNonNull(since, "since is null");
    }
}
