package dev.breakwater.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryJitterTest {
    @Test
    void overloadRefusalsAreSpreadOverSeveralSeconds() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long seconds = RetryJitter.overloadSeconds();
            assertThat(seconds).isBetween(1L, (long) RetryJitter.MAX_OVERLOAD_SECONDS);
            seen.add(seconds);
        }
        // 1000 draws over five values: each is missing with probability (4/5)^1000, i.e. never
        assertThat(seen).hasSize(RetryJitter.MAX_OVERLOAD_SECONDS);
    }
}
