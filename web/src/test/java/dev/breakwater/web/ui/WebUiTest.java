package dev.breakwater.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebUiTest {
    @Test
    void afterSignInOnlyLocalPathsAreFollowed() {
        assertThat(WebUi.safeNext("/issues/4?event=abc")).isEqualTo("/issues/4?event=abc");
        assertThat(WebUi.safeNext("//evil.example/")).isEmpty();
        assertThat(WebUi.safeNext("/\\evil.example")).isEmpty();
        assertThat(WebUi.safeNext("https://evil.example/")).isEmpty();
        assertThat(WebUi.safeNext("/ok\r\nSet-Cookie: x=y")).isEmpty();
        assertThat(WebUi.safeNext("")).isEmpty();
    }
}
