package dev.breakwater.ingest.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {
    @Test
    void normalisesBothFormsToLowercaseHex() {
        assertThat(EventId.normalize("9ec79c33ec9942ab8353589fcb2e04dc")).contains("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(EventId.normalize("9EC79C33EC9942AB8353589FCB2E04DC")).contains("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(EventId.normalize("9ec79c33-ec99-42ab-8353-589fcb2e04dc"))
                .contains("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(EventId.normalize("00000000-0000-0000-0000-000000000000")).contains("0".repeat(32));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {
            "",
            "9ec79c33ec9942ab8353589fcb2e04d",
            "9ec79c33ec9942ab8353589fcb2e04dcc",
            "9ec79c33ec9942ab8353589fcb2e04dg",
            "9ec79c33-ec99-42ab-8353_589fcb2e04dc",
            "9ec79c33ec99-42ab-8353-589fcb2e04dc-",
            "{9ec79c33-ec99-42ab-8353-589fcb2e04d}",
            "9ec79c33-ec9942ab-8353-589fcb2e04dc0"
        }) {
            assertThat(EventId.normalize(bad)).as(bad).isEmpty();
        }
        assertThat(EventId.normalize(null)).isEmpty();
    }
}
