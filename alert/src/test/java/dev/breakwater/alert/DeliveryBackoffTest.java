package dev.breakwater.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class DeliveryBackoffTest {

    @RepeatedTest(20)
    void doublesFromTwoSecondsWithEqualJitterUpToTheCap() {
        Duration cap = Duration.ofSeconds(30);
        assertThat(DeliveryBackoff.after(1, cap)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(DeliveryBackoff.after(2, cap)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(DeliveryBackoff.after(4, cap)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(DeliveryBackoff.after(5, cap)).isBetween(Duration.ofSeconds(15), cap);
        assertThat(DeliveryBackoff.after(60, cap)).isBetween(Duration.ofSeconds(15), cap);
    }
}
