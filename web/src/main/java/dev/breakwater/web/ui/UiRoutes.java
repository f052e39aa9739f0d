package dev.breakwater.web.ui;

/**
 * Where a {@link PageGroup} registers its handlers. Every route requires a signed-in session; every {@code post}
 * also requires the session's CSRF token (form field {@code _csrf} or header {@code X-CSRF-Token}) and gets the
 * parsed form. Paths use Helidon's syntax, e.g. {@code /issues/{id}}.
 */
public interface UiRoutes {
    void get(String path, UiHandler handler);

    void post(String path, UiHandler handler);
}
