package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void sizesAndListsParse() throws UsageException {
        Args args = Args.parse(new String[] {"--a", "2k", "--b", "64m", "--c", "1,4, 16"}, Set.of("a", "b", "c", "d"));

        assertThat(args.size("a", 0)).isEqualTo(2048);
        assertThat(args.size("b", 0)).isEqualTo(64L << 20);
        assertThat(args.size("d", 7)).isEqualTo(7);
        assertThat(args.intList("c", List.of())).containsExactly(1, 4, 16);
    }

    @Test
    void badValuesAreUsageErrors() throws UsageException {
        Args args = Args.parse(new String[] {"--a", "2q", "--c", "1,x", "--d", "0"}, Set.of("a", "c", "d", "e"));

        assertThatThrownBy(() -> args.size("a", 0)).isInstanceOf(UsageException.class).hasMessageContaining("--a must be a size");
        assertThatThrownBy(() -> args.intList("c", List.of())).hasMessageContaining("--c must be a whole number");
        assertThatThrownBy(() -> args.intList("d", List.of())).hasMessageContaining("--d values must be at least 1");
        assertThatThrownBy(() -> args.required("e")).hasMessageContaining("--e is required");
    }
}
