package dev.breakwater.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.testing.SmallFilesystem;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.StoreException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file's filesystem fills up: the events lane, whose batches no longer fit, retries and says why, while
 * the spool keeps taking records and the deploys lane, whose small writes still fit, goes on; once space returns the
 * events lane catches up with nothing lost or doubled.
 */
class StoreDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullStoreDiskStallsOnlyTheLaneThatCannotWrite() throws Exception {
        try (SmallFilesystem disk = SmallFilesystem.mount(dir.resolve("db"), "32m");
                PipelineFixture fixture = new PipelineFixture(
                        dir, StoreConfig.sqlite(disk.path().resolve("store.db")), Clock.systemUTC())) {
            ProjectRecord project = fixture.createProject("shop");
            fixture.appendStore(project.id(), bigEvent(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> counted(fixture, project.id()) == 1);

            Path filler = disk.fill("filler", 2 << 20);
            for (int i = 1; i <= 40; i++) {
                fixture.appendStore(project.id(), bigEvent(i)); // ~400 KB of incompressible text each
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> lane(fixture, "events").state() == LaneState.RETRYING);
            assertThat(lane(fixture, "events").lastError()).isPresent();

            // free 128 KiB: not enough for any batch of the ~400 KB events, plenty for a deploy. (Without it, whether a
            // small write still fits depended on how much of the disk the failed event batch had taken.)
            try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - (128 << 10));
            }
            fixture.append("deploys", project.id(), "rollbar-deploy", "identity", Payloads.deploy("v2").getBytes(UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.store().deploys(project.id()).isEmpty());
            assertThat(lane(fixture, "events").state()).isEqualTo(LaneState.RETRYING);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(60)).until(() -> lane(fixture, "events").backlogRecords() == 0);
            assertThat(lane(fixture, "events").state()).isEqualTo(LaneState.RUNNING);
            assertThat(counted(fixture, project.id())).isEqualTo(41);
        }
    }

    private static LaneStatus lane(PipelineFixture fixture, String name) {
        return fixture.pipeline().status().lanes().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static long counted(PipelineFixture fixture, long projectId) throws StoreException {
        return fixture.store().issues(new IssueQuery(projectId, Optional.empty(), IssueSort.LAST_SEEN, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 1000))
                .items().stream()
                .mapToLong(IssueRecord::count)
                .sum();
    }

    private static String bigEvent(int n) {
        byte[] noise = new byte[150_000];
        new Random(n).nextBytes(noise);
        return Payloads.sentryEvent(
                Payloads.eventId(100 + n), "OutOfSpace", "payload " + Base64.getEncoder().encodeToString(noise), "save", n);
    }
}
