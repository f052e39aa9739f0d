package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiRoutes;
import java.security.SecureRandom;

/**
 * The alerting pages: the alert list and one alert with acknowledge and resolve ({@link AlertListPage},
 * {@link AlertDetailPage}), a project's alert rules ({@link AlertRulesPage}) and, for admins, the notification
 * channels ({@link ChannelsPage}). Project alerts show to whoever may see the project, Breakwater's own alerts to
 * admins only; anything else reads as absent (404).
 */
public final class AlertPages implements PageGroup {
    private final AlertListPage list;
    private final AlertDetailPage detail;
    private final AlertRulesPage rules;
    private final ChannelsPage channels;

    public AlertPages(UiContext context, AlertActions actions) {
        requireNonNull(context, "context is null");
        requireNonNull(actions, "actions is null");
        this.list = new AlertListPage(context);
        this.detail = new AlertDetailPage(context, actions);
        this.rules = new AlertRulesPage(context);
        this.channels = new ChannelsPage(context, new ChannelSecrets(new SecureRandom()));
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/alerts", list::show);
        routes.get("/alerts/{id}", detail::show);
        routes.post("/alerts/{id}/ack", detail::acknowledge);
        routes.post("/alerts/{id}/resolve", detail::resolve);
        routes.get("/projects/{slug}/alert-rules", rules::show);
        routes.post("/projects/{slug}/alert-rules", rules::create);
        routes.post("/projects/{slug}/alert-rules/{id}/delete", rules::delete);
        routes.post("/projects/{slug}/alert-rules/{id}/enable", request -> rules.setEnabled(request, true));
        routes.post("/projects/{slug}/alert-rules/{id}/disable", request -> rules.setEnabled(request, false));
        routes.get("/channels", channels::show);
        routes.post("/channels", channels::create);
        routes.post("/channels/{id}/delete", channels::delete);
        routes.post("/channels/{id}/enable", request -> channels.setEnabled(request, true));
        routes.post("/channels/{id}/disable", request -> channels.setEnabled(request, false));
    }
}
