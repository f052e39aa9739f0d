package dev.breakwater.web.ui.alert;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertRuleRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewAlertRule;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's alert rules: {@code GET /projects/{slug}/alert-rules} lists them with a form for a new one ({@code POST
 * /projects/{slug}/alert-rules}), {@code POST /projects/{slug}/alert-rules/{id}/delete} deletes one and
 * {@code .../enable} and {@code .../disable} switch one on and off (a disabled rule is not evaluated). Whoever may
 * see the project may manage its rules; a rule of another project reads as absent (404). A refused form is shown
 * again, as typed, with a 400 and the reason. Thread-safe.
 */
final class AlertRulesPage {
    private final UiContext context;
    private final Store store;

    AlertRulesPage(UiContext context) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
    }

    UiReply show(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        return page(request, project, 200, "", RuleForm.blank());
    }

    UiReply create(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        RuleForm form = RuleForm.of(request.form());
        NewAlertRule rule;
        try {
            rule = form.toDraft().toNewRule(project.id(), channels().keySet(), context.clock().instant());
        } catch (IllegalArgumentException e) {
            return page(request, project, 400, AlertAccess.sentence(e.getMessage()), form);
        }
        AlertRuleRecord created = store.createAlertRule(rule);
        return UiReply.redirect(rulesUrl(project) + "?created=" + encoded(created.name()));
    }

    UiReply delete(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        AlertRuleRecord rule = rule(request, project);
        store.deleteAlertRule(rule.id());
        return UiReply.redirect(rulesUrl(project) + "?deleted=" + encoded(rule.name()));
    }

    UiReply setEnabled(UiRequest request, boolean enabled) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        AlertRuleRecord rule = rule(request, project);
        store.setAlertRuleEnabled(rule.id(), enabled);
        return UiReply.redirect(rulesUrl(project) + (enabled ? "?enabled=" : "?disabled=") + encoded(rule.name()));
    }

    private AlertRuleRecord rule(UiRequest request, ProjectRecord project) throws Exception {
        String id = request.path("id");
        return store.alertRules(Optional.of(project.id())).stream()
                .filter(candidate -> Long.toString(candidate.id()).equals(id))
                .findFirst()
                .orElseThrow(() -> UiException.notFound("there is no alert rule '" + id + "' in " + project.name()));
    }

    private UiReply page(UiRequest request, ProjectRecord project, int status, String error, RuleForm form)
            throws StoreException {
        Map<Long, ChannelRecord> channels = channels();
        List<RuleRow> rules = new ArrayList<>();
        for (AlertRuleRecord rule : store.alertRules(Optional.of(project.id()))) {
            rules.add(RuleRow.of(rule, channels));
        }
        UiReply.Html page = (UiReply.Html) context.page(
                "alert-rules.jte",
                context.frame(request, project.name() + " alert rules", "alert-rules", Optional.of(project)),
                "project", project,
                "rules", rules,
                "channels", List.copyOf(channels.values()),
                "form", form,
                "notice", status == 200 ? notice(request) : "",
                "error", error);
        return new UiReply.Html(status, page.body());
    }

    /** Every channel by id; the page shows their names and kinds only (a target may hold a secret URL). */
    private Map<Long, ChannelRecord> channels() throws StoreException {
        Map<Long, ChannelRecord> channels = new LinkedHashMap<>();
        for (ChannelRecord channel : store.channels()) {
            channels.put(channel.id(), channel);
        }
        return channels;
    }

    private static String notice(UiRequest request) {
        return request.query("created").map(name -> "Created the rule " + name + ".")
                .or(() -> request.query("deleted").map(name -> "Deleted the rule " + name + "."))
                .or(() -> request.query("enabled").map(name -> "Enabled the rule " + name + "."))
                .or(() -> request.query("disabled").map(name -> "Disabled the rule " + name
                        + ": it is not evaluated until it is enabled again."))
                .orElse("");
    }

    private static String rulesUrl(ProjectRecord project) {
        return "/projects/" + project.slug() + "/alert-rules";
    }

    /** A query value; spaces as {@code %20}, which every query parser reads as a space ({@code +} not always). */
    private static String encoded(String value) {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }
}
