package dev.breakwater.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolConfigTest {

    @TempDir
    Path directory;

    private SpoolConfig config(String nodeId, long segmentBytes, Map<String, Long> quotas, long maxPending) {
        return new SpoolConfig(directory, nodeId, segmentBytes, quotas, maxPending);
    }

    @Test
    void keepsLanesSortedAndUnmodifiable() {
        SpoolConfig config = config("n", 1 << 20, Map.of("metrics", 4L << 20, "events", 4L << 20), 1 << 20);

        assertThat(config.laneQuotaBytes().keySet()).containsExactly("events", "metrics");
        assertThatThrownBy(() -> config.laneQuotaBytes().put("x", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsSegmentsBelow64KiB() {
        assertThatThrownBy(() -> config("n", 1024, Map.of("events", 1L << 30), 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spool.segment-size must be at least 64KiB, was 1024");
    }

    @Test
    void rejectsSegmentsAbove1GiB() {
        assertThatThrownBy(() -> config("n", 2L << 30, Map.of("events", 1L << 40), 1 << 20))
                .hasMessage("spool.segment-size must be at most 1GiB, was 2147483648");
    }

    @Test
    void rejectsAQuotaWithoutRoomForTwoSegments() {
        assertThatThrownBy(() -> config("n", 1 << 20, Map.of("events", 1L << 20), 1 << 20))
                .hasMessage(
                        "spool.lanes.events.quota must be at least twice spool.segment-size (2097152), was 1048576");
    }

    @Test
    void rejectsBadLaneNames() {
        assertThatThrownBy(() -> config("n", 1 << 20, Map.of("Events/1", 1L << 30), 1 << 20))
                .hasMessageStartingWith("spool.lanes: a lane name must match")
                .hasMessageEndingWith("was 'Events/1'");
    }

    @Test
    void rejectsNoLanesABlankNodeAndNoPendingRoom() {
        assertThatThrownBy(() -> config("n", 1 << 20, Map.of(), 1 << 20))
                .hasMessage("spool.lanes must name at least one lane");
        assertThatThrownBy(() -> config(" ", 1 << 20, Map.of("events", 1L << 30), 1 << 20))
                .hasMessage("spool.node-id must not be blank");
        assertThatThrownBy(() -> config("n", 1 << 20, Map.of("events", 1L << 30), 0))
                .hasMessage("spool.max-pending must be positive, was 0");
        assertThatThrownBy(() -> new SpoolConfig(null, "n", 1 << 20, Map.of("events", 1L << 30), 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("spool.directory is null");
    }

    @Test
    void anUnknownLaneIsNamedWithTheKnownOnes() throws IOException {
        try (Spool spool = Spool.open(Fixtures.config(directory, "events", "metrics"), new ManualClock(0))) {
            assertThatThrownBy(() -> spool.lane("deploys"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown lane 'deploys'; the lanes are [events, metrics]");
            assertThat(spool.lanes()).extracting(Lane::name).containsExactly("events", "metrics");
            assertThat(spool.nodeId()).isEqualTo(Fixtures.NODE);
        }
    }

    @Test
    void aDirectoryIsOpenedByOneSpoolAtATime() throws IOException {
        SpoolConfig config = Fixtures.config(directory, "events");
        Spool first = Spool.open(config, new ManualClock(0));
        try {
            assertThatThrownBy(() -> Spool.open(config, new ManualClock(0)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is already open in this process");
        } finally {
            first.close();
        }
        Spool.open(config, new ManualClock(0)).close();
    }
}
