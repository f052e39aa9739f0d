package dev.breakwater.web.status;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The public status page's content, ready for {@code status.jte}: everything is text the template escapes. Operator
 * names are not shown: the page is public, and who typed an update is the UI's business. Immutable.
 */
public record StatusPageView(
        StatusLevel overall, List<ComponentRow> components, List<IncidentView> open, List<IncidentView> past, String generated) {
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public StatusPageView {
        components = List.copyOf(components);
        open = List.copyOf(open);
        past = List.copyOf(past);
    }

    public record ComponentRow(String name, StatusLevel status, String since, String sinceIso) {}

    /** {@code anchor} is the incident's fragment on the page, which the feed links to. */
    public record IncidentView(
            long id, String anchor, String title, String component, String status, String opened, String resolved,
            List<UpdateView> updates) {
        public IncidentView {
            updates = List.copyOf(updates);
        }
    }

    public record UpdateView(String at, String atIso, String status, String message) {}

    public static StatusPageView of(StatusReport report) {
        return new StatusPageView(
                report.overall(),
                report.components().stream().map(StatusPageView::row).toList(),
                report.open().stream().map(StatusPageView::incident).toList(),
                report.past().stream().map(StatusPageView::incident).toList(),
                shown(report.at()));
    }

    /** The incident's fragment on the page, e.g. {@code incident-7}. */
    static String anchor(long incidentId) {
        return "incident-" + incidentId;
    }

    /** An incident status for people: {@code Investigating}. */
    static String statusLabel(String status) {
        return status.isEmpty() ? status : status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
    }

    static String shown(Instant instant) {
        return SHOWN.format(instant);
    }

    private static ComponentRow row(ComponentState state) {
        return new ComponentRow(state.component(), StatusLevel.fromWire(state.status()), shown(state.since()),
                state.since().toString());
    }

    private static IncidentView incident(IncidentRecord incident) {
        return new IncidentView(
                incident.id(),
                anchor(incident.id()),
                incident.title(),
                incident.component(),
                statusLabel(incident.status()),
                shown(incident.openedAt()),
                incident.resolvedAt().map(StatusPageView::shown).orElse(""),
                incident.updates().reversed().stream()
                        .map(u -> new UpdateView(shown(u.at()), u.at().toString(), statusLabel(u.status()), u.message()))
                        .toList());
    }
}
