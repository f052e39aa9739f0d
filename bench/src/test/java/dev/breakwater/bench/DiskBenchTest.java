package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk benchmarks' bookkeeping on tiny runs; what they measure is never asserted. */
class DiskBenchTest {

    @TempDir
    Path dir;

    @Test
    void fsyncCeilingCountsWholeBatchesRollsSegmentsAndCleansUp() throws IOException {
        ObjectNode result = FsyncCeiling.measure(dir, 4, 128, 1024, Duration.ZERO, Duration.ofMillis(100));

        assertThat(result.get("batch").asInt()).isEqualTo(4);
        assertThat(result.get("forces").asLong()).isPositive();
        assertThat(result.get("appends").asLong()).isEqualTo(result.get("forces").asLong() * 4);
        assertThat(result.get("forceLatencyMs").get("count").asLong()).isEqualTo(result.get("forces").asLong());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void spoolGroupCommitCountsAcknowledgedAppendsWhenTheSpoolIsThere() throws Exception {
        ObjectNode result;
        try {
            result = SpoolGroupCommitBench.measure(dir.resolve("spool"), 2, 256, 1 << 20, Duration.ZERO, Duration.ofMillis(200));
        } catch (UnsupportedOperationException skeleton) {
            assumeTrue(false, "the spool module is still a skeleton: " + skeleton.getMessage());
            return;
        }
        assertThat(result.get("appenders").asInt()).isEqualTo(2);
        assertThat(result.get("appends").asLong()).isPositive();
        assertThat(result.get("laneAppendedRecords").asLong()).isGreaterThanOrEqualTo(result.get("appends").asLong());
        assertThat(dir.resolve("spool")).doesNotExist();
    }
}
