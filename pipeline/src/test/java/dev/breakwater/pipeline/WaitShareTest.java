package dev.breakwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaitShareTest {
    private static final long MS = 1_000_000;

    @Test
    void exceededOnlyWhenTheWaitSinceThePreviousLookIsOverTheShare() {
        WaitShare writer = new WaitShare(0.25, 0);
        writer.waited(30 * MS);
        assertThat(writer.exceeded(100 * MS)).as("30 of 100 ms").isTrue();
        writer.waited(20 * MS);
        assertThat(writer.exceeded(200 * MS)).as("20 of the next 100 ms").isFalse();
        assertThat(writer.exceeded(300 * MS)).as("none of the next 100 ms").isFalse();
        writer.waited(80 * MS);
        assertThat(writer.exceeded(400 * MS)).as("80 of the next 100 ms, whatever came before").isTrue();
        writer.waited(25 * MS);
        assertThat(writer.exceeded(500 * MS)).as("exactly the share is not more than it").isFalse();
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new WaitShare(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WaitShare(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
