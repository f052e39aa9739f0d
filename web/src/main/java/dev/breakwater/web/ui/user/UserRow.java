package dev.breakwater.web.ui.user;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.UserRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the users page: the user, the projects they are a member of, whether sign-in is locked right now (a
 * lock-out that has run out is history) and whether the row is the viewer's own (who cannot remove themselves).
 */
public record UserRow(
        UserRecord user,
        Set<Long> memberProjects,
        List<String> memberNames,
        Optional<Instant> lockedUntil,
        boolean self) {
    private static final DateTimeFormatter LOCK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public UserRow {
        memberProjects = Set.copyOf(memberProjects);
        memberNames = List.copyOf(memberNames);
    }

    /** {@code projects} are every project, in the order the page lists them. */
    public static UserRow of(
            UserRecord user, Set<Long> memberProjects, List<ProjectRecord> projects, Instant now, long viewerId) {
        return new UserRow(
                user,
                memberProjects,
                projects.stream().filter(p -> memberProjects.contains(p.id())).map(ProjectRecord::name).toList(),
                user.lockedUntil().filter(now::isBefore),
                user.id() == viewerId);
    }

    public boolean member(ProjectRecord project) {
        return memberProjects.contains(project.id());
    }

    public boolean locked() {
        return lockedUntil.isPresent();
    }

    public String lockedUntilText() {
        return lockedUntil.map(LOCK_TIME::format).orElse("");
    }

    public String created() {
        return user.createdAt().toString().substring(0, 10);
    }
}
