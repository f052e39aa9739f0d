package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every page group shares: the store, the pipeline, the templates, the clock and settings, and the checks and
 * frames every page needs. Thread-safe.
 */
public final class UiContext {
    private final Store store;
    private final PipelineControl pipeline;
    private final Templates templates;
    private final Clock clock;
    private final UiConfig config;
    private final ProjectCreator projectCreator;
    private final Supplier<String> publicUrl;

    public UiContext(
            Store store,
            PipelineControl pipeline,
            Templates templates,
            Clock clock,
            UiConfig config,
            ProjectCreator projectCreator,
            Supplier<String> publicUrl) {
        this.store = requireNonNull(store, "store is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
        this.projectCreator = requireNonNull(projectCreator, "projectCreator is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    public Store store() {
        return store;
    }

    public PipelineControl pipeline() {
        return pipeline;
    }

    public Clock clock() {
        return clock;
    }

    public UiConfig config() {
        return config;
    }

    public ProjectCreator projectCreator() {
        return projectCreator;
    }

    /** The base URL SDKs use to reach this server, without a trailing slash. */
    public String publicUrl() {
        String url = publicUrl.get();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The layout's data for a page of {@code section}, optionally inside a project. */
    public PageFrame frame(UiRequest request, String title, String section, Optional<ProjectRecord> project) {
        return new PageFrame(
                title,
                section,
                project,
                request.viewer().user().username(),
                request.viewer().admin(),
                request.viewer().csrfToken(),
                banner(),
                config.refreshInterval().toSeconds());
    }

    /** The delay banner as of now. */
    public DelayBanner banner() {
        return DelayBanner.of(pipeline.status(), config.delayBannerThreshold());
    }

    /**
     * Renders a template with a frame and named values: {@code page("issues.jte", frame, "model", model)}. Values
     * come in name/value pairs.
     */
    public UiReply page(String template, PageFrame frame, Object... namesAndValues) {
        return UiReply.ok(templates.render(template, withFrame(frame, namesAndValues)));
    }

    /** Renders a template (a whole page or a fragment) with named values given in name/value pairs. */
    public String render(String template, Object... namesAndValues) {
        return templates.render(template, pairs(namesAndValues));
    }

    private static Map<String, Object> withFrame(PageFrame frame, Object... namesAndValues) {
        Map<String, Object> params = pairs(namesAndValues);
        params.put("frame", frame);
        return params;
    }

    private static Map<String, Object> pairs(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("template values come in name/value pairs");
        }
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    /** The projects the viewer may see, by name. */
    public List<ProjectRecord> visibleProjects(UiRequest request) throws StoreException {
        return store.projects().stream()
                .filter(request.viewer()::canSee)
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
    }

    /** The project with this slug if the viewer may see it; otherwise 404, so others' projects do not even show. */
    public ProjectRecord visibleProject(UiRequest request, String slug) throws UiException, StoreException {
        return store.project(slug)
                .filter(request.viewer()::canSee)
                .orElseThrow(() -> UiException.notFound("there is no project '" + slug + "'"));
    }

    /** The issue with this id if the viewer may see its project; otherwise 404. */
    public IssueRecord visibleIssue(UiRequest request, String id) throws UiException, StoreException {
        long issueId;
        try {
            issueId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw UiException.notFound("there is no issue '" + id + "'");
        }
        return store.issue(issueId)
                .filter(issue -> request.viewer().canSee(issue.projectId()))
                .orElseThrow(() -> UiException.notFound("there is no issue " + issueId));
    }

    public void requireAdmin(UiRequest request) throws UiException {
        if (!request.viewer().admin()) {
            throw UiException.forbidden("only an admin may do this");
        }
    }
}
