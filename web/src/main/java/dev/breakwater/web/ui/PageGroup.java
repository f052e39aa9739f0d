package dev.breakwater.web.ui;

/** A set of related pages (issues, pipeline, users, ...) that registers its routes with the UI. */
public interface PageGroup {
    void routes(UiRoutes routes);
}
