package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.bodies;
import static dev.breakwater.spool.Fixtures.draft;
import static dev.breakwater.spool.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testing.ManualClock;
import dev.breakwater.testing.SmallFilesystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full device: the spool on an 8MiB tmpfs, so that writes fail with ENOSPC. Needs root on Linux to mount;
 * skipped elsewhere.
 */
class FullDiskTest {

    private static final int BODY = 4000;

    @TempDir
    Path temp;

    private SmallFilesystem disk;
    private Path device;
    private Spool spool;
    private final List<byte[]> acknowledged = new ArrayList<>();

    @BeforeEach
    void mount() throws Exception {
        disk = SmallFilesystem.mount(temp.resolve("tmpfs"), "8m");
        device = disk.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (spool != null) {
            spool.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private Lane open(long quota) throws IOException {
        Map<String, Long> quotas = Map.of("events", quota, "metrics", quota);
        SpoolConfig config = new SpoolConfig(device.resolve("spool"), Fixtures.NODE, Fixtures.SEGMENT, quotas, 1 << 20);
        spool = Spool.open(config, new ManualClock(1_000));
        return spool.lane("events");
    }

    /** Appends until the lane is full; returns the refusal. */
    private AppendOutcome.LaneFull fill(Lane lane) {
        for (int i = 0; i < 10_000; i++) {
            byte[] body = body(acknowledged.size(), BODY);
            AppendOutcome outcome = lane.append(draft(body)).join();
            if (outcome instanceof AppendOutcome.LaneFull full) {
                return full;
            }
            assertThat(outcome).isInstanceOf(AppendOutcome.Appended.class);
            assertThat(((AppendOutcome.Appended) outcome).offset()).isEqualTo(acknowledged.size());
            acknowledged.add(body);
        }
        throw new AssertionError("the lane never filled up");
    }

    private void appendAcknowledged(Lane lane, int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = body(acknowledged.size(), BODY);
            assertThat(Fixtures.append(lane, body).offset()).isEqualTo(acknowledged.size());
            acknowledged.add(body);
        }
    }

    @Test
    void aFullDeviceRefusesAppendsDamagesNothingAndRecoversWhenSpaceReturns() throws IOException {
        Path filler = device.resolve("filler");
        Files.write(filler, body(-1, 2 << 20));
        Lane events = open(1L << 30);

        AppendOutcome.LaneFull full = fill(events);

        assertThat(full.detail()).contains("No space left on device");
        assertThat(acknowledged).hasSizeGreaterThan(100);
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);
        for (int i = 0; i < 5; i++) {
            assertThat(events.append(draft(body(-2, BODY))).join()).isInstanceOf(AppendOutcome.LaneFull.class);
        }
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);

        Files.delete(filler);
        appendAcknowledged(events, 50);
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);

        spool.close();
        assertThat(bodies(readAll(open(1L << 30)))).containsExactlyElementsOf(acknowledged);
    }

    @Test
    void consumingAFullLaneFreesItsSegments() throws IOException {
        Lane events = open(1L << 30);
        try (LaneConsumer pipeline = events.consumer("pipeline")) {
            fill(events);

            assertThat(bodies(Fixtures.drain(pipeline))).containsExactlyElementsOf(acknowledged);
            try {
                pipeline.commit(pipeline.position());
            } catch (IOException e) {
                // The position file may find no room either; the segments it passed are deleted all the same.
                assertThat(e).hasMessageContaining("No space left on device");
                pipeline.commit(pipeline.position());
            }
        }

        int before = acknowledged.size();
        appendAcknowledged(events, 200);
        List<byte[]> kept = acknowledged.subList((int) events.stats().oldestOffset(), acknowledged.size());
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(kept);
        assertThat(events.stats().nextOffset()).isEqualTo(before + 200);
    }

    @Test
    void aLaneOverItsQuotaIsFullWhileOtherLanesStillTakeAppends() throws IOException {
        long quota = 1 << 20; // well below the 8MiB device
        Lane events = open(quota);

        AppendOutcome.LaneFull full = fill(events);

        assertThat(full.quotaBytes()).isEqualTo(quota);
        assertThat(full.usedBytes()).isLessThanOrEqualTo(quota).isEqualTo(events.stats().diskUsedBytes());
        assertThat(full.detail()).contains("would exceed its quota");
        assertThat(events.stats().diskUsedBytes()).isGreaterThan(quota - BODY - 200);
        assertThat(Fixtures.append(spool.lane("metrics"), body(1, BODY)).offset()).isZero();
        assertThat(bodies(readAll(events))).containsExactlyElementsOf(acknowledged);
    }
}
