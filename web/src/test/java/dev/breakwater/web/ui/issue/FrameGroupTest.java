package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameGroupTest {

    @Test
    void foldsEachRunOfSystemFramesBetweenTheApplicationsOwn() {
        List<FrameGroup> groups = FrameGroup.of(List.of(
                system("a"), system("b"), app("c"), app("d"), system("e"), app("f"), system("g"), system("h"), system("i")));

        assertThat(groups).extracting(FrameGroup::collapsed).containsExactly(true, false, true, false, true);
        assertThat(groups).extracting(group -> names(group))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"), List.of("f"), List.of("g", "h", "i"));
        assertThat(groups.get(0).summary()).isEqualTo("2 system frames");
        assertThat(groups.get(2).summary()).isEqualTo("1 system frame");
    }

    @Test
    void showsEveryFrameOpenWhenNoneIsTheApplicationsOwn() {
        List<FrameGroup> groups = FrameGroup.of(List.of(system("a"), system("b"), system("c")));

        assertThat(groups).hasSize(1);
        assertThat(groups.getFirst().collapsed()).isFalse();
        assertThat(names(groups.getFirst())).containsExactly("a", "b", "c");
    }

    @Test
    void keepsAnAllApplicationStackInOneOpenGroup() {
        List<FrameGroup> groups = FrameGroup.of(List.of(app("a"), app("b")));

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.collapsed()).isFalse();
            assertThat(names(group)).containsExactly("a", "b");
        });
    }

    @Test
    void hasNoGroupsForNoFrames() {
        assertThat(FrameGroup.of(List.of())).isEmpty();
    }

    private static List<String> names(FrameGroup group) {
        return group.frames().stream().map(FrameView::function).toList();
    }

    private static FrameView app(String function) {
        return new FrameView(function, "app.py", "", "1", "", true, List.of());
    }

    private static FrameView system(String function) {
        return new FrameView(function, "lib.py", "", "1", "", false, List.of());
    }
}
