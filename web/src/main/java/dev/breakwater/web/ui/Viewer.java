package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.SessionRecord;
import dev.breakwater.store.UserRecord;
import java.util.Set;

/** The signed-in user behind a request: who they are, their session, and the projects they may see. */
public record Viewer(UserRecord user, SessionRecord session, Set<Long> memberProjects) {
    public Viewer {
        requireNonNull(user, "user is null");
        requireNonNull(session, "session is null");
        memberProjects = Set.copyOf(memberProjects);
    }

    public boolean admin() {
        return user.admin();
    }

    /** Admins see every project; everyone else the projects they are a member of. */
    public boolean canSee(long projectId) {
        return user.admin() || memberProjects.contains(projectId);
    }

    public boolean canSee(ProjectRecord project) {
        return canSee(project.id());
    }

    public String csrfToken() {
        return session.csrfToken();
    }
}
