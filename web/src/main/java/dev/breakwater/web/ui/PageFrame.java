package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ProjectRecord;
import java.util.Optional;

/**
 * What the layout around every signed-in page needs: the title, which navigation entry is current ({@code section}:
 * {@code projects}, {@code issues}, {@code releases}, {@code setup}, {@code pipeline}, {@code users}), the project
 * being looked at, the viewer, the form token, the delay banner and how often live parts refresh.
 */
public record PageFrame(
        String title,
        String section,
        Optional<ProjectRecord> project,
        String username,
        boolean admin,
        String csrfToken,
        DelayBanner banner,
        long refreshSeconds) {
    public PageFrame {
        requireNonNull(title, "title is null");
        requireNonNull(section, "section is null");
        requireNonNull(project, "project is null");
        requireNonNull(username, "username is null");
        requireNonNull(csrfToken, "csrfToken is null");
        requireNonNull(banner, "banner is null");
    }

    /** The htmx trigger for live parts of a page, e.g. {@code every 5s}. */
    public String refreshTrigger() {
        return "every " + refreshSeconds + "s";
    }

    /** The {@code hx-headers} value that makes htmx send this session's CSRF token. */
    public String csrfHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrfToken + "\"}";
    }
}
