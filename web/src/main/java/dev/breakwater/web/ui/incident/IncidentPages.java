package dev.breakwater.web.ui.incident;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IncidentRecord;
import dev.breakwater.web.status.IncidentUpdates;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The operators' side of the status page: the incidents Breakwater opened from its own health (and their automatic
 * updates), where an admin adds an update of their own ("identified: the disk of the store is being replaced"). The
 * public page at {@code /status} shows what is posted here.
 */
public final class IncidentPages implements PageGroup {
    /** How far back resolved incidents are listed. */
    static final int DAYS = 14;

    private final UiContext context;

    public IncidentPages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/incidents", this::list);
        routes.post("/incidents/{id}/updates", this::addUpdate);
    }

    private UiReply list(UiRequest request) throws Exception {
        context.requireAdmin(request);
        return page(request, "", 200);
    }

    private UiReply page(UiRequest request, String error, int status) throws Exception {
        Instant since = context.clock().instant().minus(DAYS, ChronoUnit.DAYS);
        List<IncidentRecord> incidents = context.store().incidents(200).stream()
                .filter(i -> i.resolvedAt().isEmpty() || i.resolvedAt().get().isAfter(since))
                .toList();
        UiReply.Html page = (UiReply.Html) context.page(
                "incidents.jte",
                context.frame(request, "Incidents", "incidents", Optional.empty()),
                "incidents", incidents,
                "statuses", IncidentUpdates.STATUSES,
                "error", error,
                "notice", request.query("added").isPresent() ? "Update posted to the status page." : "");
        return new UiReply.Html(status, page.body());
    }

    private UiReply addUpdate(UiRequest request) throws Exception {
        context.requireAdmin(request);
        long id;
        try {
            id = Long.parseLong(request.path("id"));
        } catch (NumberFormatException e) {
            throw UiException.notFound("there is no incident '" + request.path("id") + "'");
        }
        Optional<IncidentRecord> updated;
        try {
            updated = IncidentUpdates.add(context.store(), id, request.form().first("status").orElse(""),
                    request.form().first("message").orElse(""), request.viewer().user().username(),
                    context.clock().instant());
        } catch (IllegalArgumentException e) {
            return page(request, e.getMessage(), 400);
        }
        if (updated.isEmpty()) {
            throw UiException.notFound("there is no incident " + id);
        }
        return UiReply.redirect("/incidents?added=" + id);
    }
}
