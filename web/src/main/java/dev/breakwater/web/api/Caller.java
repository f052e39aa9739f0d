package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who sent a request: the admin (no project), who sees and may do everything, or the holder of a project token,
 * who sees that one project only. Immutable.
 */
record Caller(Optional<Long> projectId) {

    Caller {
        requireNonNull(projectId, "projectId is null");
    }

    static Caller admin() {
        return new Caller(Optional.empty());
    }

    static Caller ofProject(long projectId) {
        return new Caller(Optional.of(projectId));
    }

    boolean isAdmin() {
        return projectId.isEmpty();
    }

    /** Whether records of the project exist for this caller; those of other projects answer 404. */
    boolean sees(long project) {
        return projectId.isEmpty() || projectId.get() == project;
    }

    /** @param action what only the admin may do, e.g. {@code "pause lanes"} */
    void requireAdmin(String action) throws ApiException {
        if (!isAdmin()) {
            throw ApiException.forbidden("only the admin token may " + action + "; this is a project token");
        }
    }
}
