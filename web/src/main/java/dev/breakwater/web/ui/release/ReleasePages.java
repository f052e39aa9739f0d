package dev.breakwater.web.ui.release;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ArtifactRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.ReleaseRecord;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's releases (versions seen in its events or deploys), each release's uploaded artifacts (source maps and
 * ProGuard mappings, as text: name, kind, size, upload time) and deploys, read-only: {@code /projects/{slug}/releases},
 * a 404 for projects the viewer may not see.
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
        List<ReleaseRecord> releases = context.store().releases(project.id());
        return context.page(
                "releases.jte",
                context.frame(request, project.name() + " releases", "releases", Optional.of(project)),
                "project", project,
                "releases", releases,
                "artifacts", byRelease(releases, context.store().artifacts(project.id())),
                "deploys", context.store().deploys(project.id()),
                "now", context.clock().instant());
    }

    /**
     * Artifacts by release, in the order the releases are listed; then versions with artifacts but no release yet
     * (uploaded before any event or deploy named it), newest upload first. Within a release, newest upload first.
     */
    static Map<String, List<ArtifactRecord>> byRelease(List<ReleaseRecord> releases, List<ArtifactRecord> artifacts) {
        Map<String, List<ArtifactRecord>> byVersion = new LinkedHashMap<>();
        for (ArtifactRecord artifact : artifacts) {
            byVersion.computeIfAbsent(artifact.version(), version -> new ArrayList<>()).add(artifact);
        }
        Map<String, List<ArtifactRecord>> ordered = new LinkedHashMap<>();
        for (ReleaseRecord release : releases) {
            List<ArtifactRecord> ofRelease = byVersion.remove(release.version());
            if (ofRelease != null) {
                ordered.put(release.version(), ofRelease);
            }
        }
        ordered.putAll(byVersion);
        return ordered;
    }
}
