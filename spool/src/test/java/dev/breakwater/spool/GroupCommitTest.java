package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.draft;
import static dev.breakwater.spool.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many appenders, few fsyncs: appends that arrive while a force runs share the next one. */
class GroupCommitTest {

    @TempDir
    Path directory;

    private final Faults faults = new Faults();
    private Spool spool;

    @AfterEach
    void close() throws IOException {
        faults.releaseForces();
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void appendsQueuedDuringAForceShareTheNextOne() throws IOException {
        SpoolConfig config = new SpoolConfig(directory, Fixtures.NODE, 4 << 20, Map.of("events", 1L << 30), 64 << 20);
        spool = Spool.open(config, new ManualClock(0), faults);
        Lane events = spool.lane("events");
        faults.holdForces();

        CompletableFuture<AppendOutcome> first = events.append(draft(body(0, 100)));
        await().until(() -> faults.forcesWaiting() == 1);
        List<CompletableFuture<AppendOutcome>> rest = new ArrayList<>();
        try (ExecutorService appenders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<CompletableFuture<AppendOutcome>>> submitted = new ArrayList<>();
            for (int i = 1; i < 500; i++) {
                byte[] body = body(i, 100);
                submitted.add(CompletableFuture.supplyAsync(() -> events.append(draft(body)), appenders));
            }
            submitted.forEach(outcome -> rest.add(outcome.join()));
        }
        await().until(() -> events.queuedRecords() == 499);
        faults.releaseForces();

        assertThat(first.join()).isInstanceOf(AppendOutcome.Appended.class);
        assertThat(rest).allSatisfy(outcome -> assertThat(outcome.join()).isInstanceOf(AppendOutcome.Appended.class));
        assertThat(events.forces()).isEqualTo(2);
        assertThat(readAll(events)).hasSize(500);
    }

    @Test
    void hundredsOfConcurrentAppendersNeedFewerForcesThanAppends() throws IOException {
        spool = Spool.open(Fixtures.config(directory, "events"), new ManualClock(0), faults);
        Lane events = spool.lane("events");
        int threads = 300;
        int perThread = 20;
        ConcurrentLinkedQueue<AppendOutcome> outcomes = new ConcurrentLinkedQueue<>();

        try (ExecutorService appenders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        outcomes.add(events.append(draft(body(thread * 1000L + i, 200))).join());
                    }
                });
            }
        }

        assertThat(outcomes).hasSize(threads * perThread).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOf(AppendOutcome.Appended.class));
        List<AppendOutcome.Appended> byOffset = outcomes.stream()
                .map(AppendOutcome.Appended.class::cast)
                .sorted(Comparator.comparingLong(AppendOutcome.Appended::offset))
                .toList();
        long appends = (long) threads * perThread;
        assertThat(byOffset).extracting(AppendOutcome.Appended::offset).first().isEqualTo(0L);
        assertThat(byOffset).extracting(AppendOutcome.Appended::offset).last().isEqualTo(appends - 1);
        assertThat(byOffset).extracting(AppendOutcome.Appended::seq).isSorted().doesNotHaveDuplicates();
        assertThat(events.forces()).isLessThan(appends);
        assertThat(faults.forceCalls()).isLessThan((int) appends);
        assertThat(readAll(events)).hasSize(threads * perThread);
    }
}
