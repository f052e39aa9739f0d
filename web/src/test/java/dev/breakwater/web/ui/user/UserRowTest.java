package dev.breakwater.web.ui.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.UserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserRowTest {
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final List<ProjectRecord> PROJECTS =
            List.of(project(1, "Blog"), project(2, "Shop"), project(3, "Wiki"));

    @Test
    void namesTheProjectsTheUserIsAMemberOfInPageOrder() {
        UserRow row = UserRow.of(user(7, Optional.empty()), Set.of(3L, 1L), PROJECTS, NOW, 1);

        assertThat(row.memberNames()).containsExactly("Blog", "Wiki");
        assertThat(row.member(PROJECTS.get(0))).isTrue();
        assertThat(row.member(PROJECTS.get(1))).isFalse();
        assertThat(row.self()).isFalse();
        assertThat(row.created()).isEqualTo("2025-01-02");
    }

    @Test
    void isLockedOnlyUntilTheLockOutRunsOut() {
        UserRow locked = UserRow.of(user(7, Optional.of(NOW.plusSeconds(600))), Set.of(), PROJECTS, NOW, 1);
        UserRow expired = UserRow.of(user(7, Optional.of(NOW.minusSeconds(1))), Set.of(), PROJECTS, NOW, 1);

        assertThat(locked.locked()).isTrue();
        assertThat(locked.lockedUntilText()).isEqualTo("2025-05-01 12:10 UTC");
        assertThat(expired.locked()).isFalse();
        assertThat(expired.lockedUntilText()).isEmpty();
    }

    @Test
    void knowsTheViewersOwnRow() {
        assertThat(UserRow.of(user(7, Optional.empty()), Set.of(), PROJECTS, NOW, 7).self()).isTrue();
    }

    private static UserRecord user(long id, Optional<Instant> lockedUntil) {
        return new UserRecord(
                id, "alice", "$argon2id$...", false, Instant.parse("2025-01-02T03:04:05Z"), 0, lockedUntil);
    }

    private static ProjectRecord project(long id, String name) {
        return new ProjectRecord(id, name.toLowerCase(Locale.ROOT), name, NOW, List.of());
    }
}
