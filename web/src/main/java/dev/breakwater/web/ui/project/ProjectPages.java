package dev.breakwater.web.ui.project;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import java.util.Optional;

/**
 * The projects list, project creation and each project's set-up page (DSN, tokens, SDK snippets). Anyone signed in
 * may create a project and becomes its member; the list shows the projects the viewer may see.
 */
public final class ProjectPages implements PageGroup {
    private final UiContext context;

    public ProjectPages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/projects", request -> list(request, "", 200));
        routes.post("/projects", this::create);
        routes.get("/projects/{slug}", request ->
                UiReply.redirect("/projects/" + context.visibleProject(request, request.path("slug")).slug() + "/issues"));
        routes.get("/projects/{slug}/setup", this::setup);
    }

    private UiReply list(UiRequest request, String error, int status) throws StoreException {
        UiReply page = context.page(
                "projects.jte",
                context.frame(request, "Projects", "projects", Optional.empty()),
                "projects", context.visibleProjects(request),
                "error", error);
        return status == 200 ? page : new UiReply.Html(status, ((UiReply.Html) page).body());
    }

    private UiReply create(UiRequest request) throws StoreException {
        ProjectRecord created;
        try {
            created = context.projectCreator().create(request.form().first("name").orElse(""));
        } catch (IllegalArgumentException e) {
            return list(request, e.getMessage(), 400);
        }
        if (!request.viewer().admin()) {
            context.store().setMember(request.viewer().user().id(), created.id(), true);
        }
        return UiReply.redirect("/projects/" + created.slug() + "/setup");
    }

    private UiReply setup(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        return context.page(
                "project-setup.jte",
                context.frame(request, project.name() + " set-up", "setup", Optional.of(project)),
                "project", project,
                "setup", SetupSnippets.of(project, context.publicUrl()));
    }
}
