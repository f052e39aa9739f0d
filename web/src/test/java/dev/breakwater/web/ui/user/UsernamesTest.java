package dev.breakwater.web.ui.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice.Smith", "ops_bot-2", "alice@example.com", "0"})
    void acceptsLettersDigitsAndAFewMarks(String name) {
        assertThat(Usernames.check(name)).isEqualTo(name);
    }

    @Test
    void stripsSurroundingWhiteSpace() {
        assertThat(Usernames.check("  bob \t")).isEqualTo("bob");
    }

    @Test
    void acceptsSixtyFourCharactersButNotSixtyFive() {
        assertThat(Usernames.check("a".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> Usernames.check("a".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesAnEmptyName(String name) {
        assertThatThrownBy(() -> Usernames.check(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a username is required");
        assertThatThrownBy(() -> Usernames.check(null)).hasMessage("a username is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice smith", "<b>", "al/ice", "ålice", "alice\u0000", "a+b", "alice:x", "a%20b"})
    void refusesEverythingElse(String name) {
        assertThatThrownBy(() -> Usernames.check(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only letters A-Z and a-z, digits");
    }
}
