package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void spoolAndRawLoopTakeTurnsEachRawSliceAtItsSpoolSlicesRecordsPerForce() throws Exception {
        ObjectNode result;
        try (FsyncCeiling.Loop raw = new FsyncCeiling.Loop(dir.resolve("raw"), 256, 1 << 20)) {
            result = SpoolGroupCommitBench.measure(dir.resolve("spool"), 3, 256, 1 << 20, Duration.ofMillis(50),
                    Duration.ofMillis(300), Duration.ofMillis(100), raw);
        }

        assertThat(result.get("slices").asInt()).isEqualTo(3);
        assertThat(result.get("pairs")).hasSize(3);
        for (JsonNode pair : result.get("pairs")) {
            // 3 appenders can put at most 3 records under one force
            assertThat(pair.get("rawBatch").asInt()).isBetween(1, 3);
            assertThat(pair.get("rawAppendsPerSecond").asDouble()).isPositive();
            assertThat(pair.get("ratio").asDouble())
                    .isCloseTo(pair.get("appendsPerSecond").asDouble() / pair.get("rawAppendsPerSecond").asDouble(),
                            offset(1e-3));
        }
        JsonNode same = result.get("rawSameBatch");
        assertThat(same.get("interleaved").asBoolean()).isTrue();
        assertThat(same.get("appends").asLong()).isPositive();
        assertThat(same.get("forceLatencyMs").get("count").asLong()).isEqualTo(same.get("forces").asLong());
        assertThat(result.get("appends").asLong()).isPositive();
        assertThat(result.get("seconds").asDouble()).isEqualTo(0.3);
        assertThat(dir.resolve("spool")).doesNotExist();
        assertThat(dir.resolve("raw")).isEmptyDirectory();
    }
}
