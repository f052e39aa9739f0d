package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.pipeline.LaneStatus;
import dev.breakwater.pipeline.Pipeline;
import dev.breakwater.pipeline.PipelineConfig;
import dev.breakwater.spool.Spool;
import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.Page;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Breakwater's processing rate: the real {@link Pipeline} started over a pre-filled spool and a fresh store, timed
 * from {@link Pipeline#start} until the {@code events} lane's backlog is 0 ({@link Pipeline#status()} polled every
 * {@value #POLL_MILLIS} ms, so the time is known to that much). Afterwards it counts what the store holds: the sum of
 * the project's issue counts, which must equal the records filled, and the lane's quarantine.
 */
final class PipelineDrain {

    static final long POLL_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineDrain() {}

    static ObjectNode measure(Path spoolDirectory, long quotaBytes, Store store, long projectId, long expected,
            PipelineConfig config, Duration timeout) throws IOException, StoreException {
        ObjectNode json = JSON.createObjectNode();
        json.put("engine", store.engine());
        json.put("batchRecords", config.batchRecords());
        long started;
        long finished;
        long backlog;
        long quarantined;
        double cpu;
        ProcessWrites writes;
        try (Spool spool = Spool.open(SpoolFill.config(spoolDirectory, quotaBytes), Clock.systemUTC())) {
            cpu = ProcessCpu.seconds();
            writes = ProcessWrites.now();
            started = System.nanoTime();
            try (Pipeline pipeline = Pipeline.start(config, spool, store, Clock.systemUTC())) {
                long deadline = started + timeout.toNanos();
                LaneStatus events = events(pipeline);
                long nextReport = started + 5_000_000_000L;
                while (events.backlogRecords() > 0 && System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(POLL_MILLIS * 1_000_000);
                    events = events(pipeline);
                    if (System.nanoTime() - nextReport >= 0) {
                        System.err.printf("  %s pipeline: backlog %,d%n", store.engine(), events.backlogRecords());
                        nextReport += 5_000_000_000L;
                    }
                }
                finished = System.nanoTime();
                ProcessCpu.put(json, cpu);
                ProcessWrites.put(json, writes, expected);
                backlog = events.backlogRecords();
                quarantined = events.quarantined();
            }
        }
        double seconds = (finished - started) / 1e9;
        json.put("records", expected);
        json.put("seconds", LatencyRecorder.round(seconds, 3));
        json.put("pollMillis", POLL_MILLIS);
        if (backlog > 0) {
            json.put("timedOut", true);
            json.put("backlogAtTimeout", backlog);
            json.put("eventsPerSecond", LatencyRecorder.round((expected - backlog) / seconds, 1));
        } else {
            json.put("eventsPerSecond", LatencyRecorder.round(expected / seconds, 1));
        }
        json.put("quarantined", quarantined);
        long stored = storedEvents(store, projectId);
        json.put("storedEvents", stored);
        json.put("complete", stored == expected);
        return json;
    }

    private static LaneStatus events(Pipeline pipeline) {
        return pipeline.status().lanes().stream()
                .filter(lane -> lane.name().equals(SpoolFill.LANE))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the pipeline has no events lane"));
    }

    /** The sum of the project's issue counts: every inserted event counts once on its issue. */
    static long storedEvents(Store store, long projectId) throws StoreException {
        long total = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<IssueRecord> page = store.issues(new IssueQuery(projectId, Optional.empty(), IssueSort.LAST_SEEN,
                    Optional.empty(), Optional.empty(), Optional.empty(), cursor, 1000));
            for (IssueRecord issue : page.items()) {
                total += issue.count();
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return total;
    }
}
