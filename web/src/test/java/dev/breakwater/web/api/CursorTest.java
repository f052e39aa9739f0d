package dev.breakwater.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void givesBackTheStoreCursorForTheSameList() throws ApiException {
        Optional<String> cursor = Cursor.wrap("events/7", Optional.of("c3RvcmU6MTIzOjQ1"));

        assertThat(cursor).isPresent();
        assertThat(cursor.get()).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.unwrap("events/7", cursor)).hasValue("c3RvcmU6MTIzOjQ1");
    }

    @Test
    void noStoreCursorMeansNoNextPage() throws ApiException {
        assertThat(Cursor.wrap("events/7", Optional.empty())).isEmpty();
        assertThat(Cursor.unwrap("events/7", Optional.empty())).isEmpty();
    }

    @Test
    void refusesACursorOfAnotherList() {
        Optional<String> cursor = Cursor.wrap("events/7", Optional.of("abc"));

        assertThatThrownBy(() -> Cursor.unwrap("events/8", cursor))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cursor")
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(400);
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {"%%%", "abc", "", "YQ"}) {
            assertThatThrownBy(() -> Cursor.unwrap("events/7", Optional.of(garbage)))
                    .as(garbage)
                    .isInstanceOf(ApiException.class);
        }
    }
}
