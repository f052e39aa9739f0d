package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiRoutes;

/** TODO(helper): pages of this group. */
public final class IssuePages implements PageGroup {
    private final UiContext context;

    public IssuePages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        requireNonNull(context, "context is null");
    }
}
