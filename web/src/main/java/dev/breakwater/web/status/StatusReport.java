package dev.breakwater.web.status;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the status page, its feed and {@code GET /api/v1/status} show, read from the store alone (two queries) so they
 * keep answering while the pipeline or alerting are in trouble: every published component, in the page's order
 * (Ingest API, the Processing lanes, Notifications, Web, then any other), the open incidents, and the incidents
 * resolved within the last {@link #PAST} (both newest first). Immutable.
 */
public record StatusReport(
        Instant at, List<ComponentState> components, List<IncidentRecord> open, List<IncidentRecord> past) {
    /** How far back resolved incidents are shown. */
    public static final Duration PAST = Duration.ofDays(14);
    /** Incidents read from the store, newest first: far more than fourteen days normally hold. */
    static final int INCIDENTS_READ = 200;

    public StatusReport {
        requireNonNull(at, "at is null");
        components = List.copyOf(components);
        open = List.copyOf(open);
        past = List.copyOf(past);
    }

    public static StatusReport read(Store store, Instant now) throws StoreException {
        List<ComponentState> components = store.componentStates().stream()
                .sorted(Comparator.comparingInt((ComponentState c) -> rank(c.component()))
                        .thenComparing(ComponentState::component))
                .toList();
        List<IncidentRecord> incidents = store.incidents(INCIDENTS_READ);
        Instant cutoff = now.minus(PAST);
        List<IncidentRecord> open = incidents.stream().filter(i -> i.resolvedAt().isEmpty()).toList();
        List<IncidentRecord> past = incidents.stream()
                .filter(i -> i.resolvedAt().isPresent() && !i.resolvedAt().get().isBefore(cutoff))
                .toList();
        return new StatusReport(now, components, open, past);
    }

    /** The worst component's status; operational when nothing was published yet. */
    public StatusLevel overall() {
        return components.stream()
                .map(c -> StatusLevel.fromWire(c.status()))
                .reduce(StatusLevel.OPERATIONAL, StatusLevel::worst);
    }

    /** Open incidents, then past ones, each newest first. */
    public List<IncidentRecord> incidents() {
        return Stream.concat(open.stream(), past.stream()).toList();
    }

    private static int rank(String component) {
        if (component.equals("Ingest API")) {
            return 0;
        }
        if (component.startsWith("Processing: ")) {
            return 1;
        }
        return switch (component) {
            case "Notifications" -> 2;
            case "Web" -> 3;
            default -> 4;
        };
    }
}
