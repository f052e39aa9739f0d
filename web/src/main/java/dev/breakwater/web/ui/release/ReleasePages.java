package dev.breakwater.web.ui.release;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import java.util.Optional;

/**
 * A project's releases (versions seen in its events or deploys) and deploys, read-only:
 * {@code /projects/{slug}/releases}, a 404 for projects the viewer may not see.
 */
public final class ReleasePages implements PageGroup {
    private final UiContext context;

    public ReleasePages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/projects/{slug}/releases", this::releases);
    }

    private UiReply releases(UiRequest request) throws Exception {
        ProjectRecord project = context.visibleProject(request, request.path("slug"));
        return context.page(
                "releases.jte",
                context.frame(request, project.name() + " releases", "releases", Optional.of(project)),
                "project", project,
                "releases", context.store().releases(project.id()),
                "deploys", context.store().deploys(project.id()),
                "now", context.clock().instant());
    }
}
