package dev.breakwater.web.ui.pipeline;

import static java.util.Objects.requireNonNull;

import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiRoutes;

/** TODO(helper): pages of this group. */
public final class PipelinePages implements PageGroup {
    private final UiContext context;

    public PipelinePages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        requireNonNull(context, "context is null");
    }
}
