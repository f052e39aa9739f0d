package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.RecordDraft;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Fills a fresh spool's {@code events} lane with sentry envelopes as ingest stores them (source
 * {@code sentry-envelope}, the gzip'd body as it came over the wire, encoding {@code gzip}), each stamped with a
 * unique event id and the current time the way {@link LoadGenerator} stamps its requests, cycling through the
 * corpus's templates and so through its fingerprints. Appends are pipelined (many in flight) so the fill is bounded
 * by the disk, not by one fsync per record. Not thread-safe.
 */
final class SpoolFill {

    static final String LANE = "events";
    static final String SOURCE = "sentry-envelope";
    static final String CONTENT_TYPE = "application/x-sentry-envelope";
    private static final int IN_FLIGHT = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpoolFill() {}

    /** The spool layout used by the processing benchmark: one {@code events} lane, big enough for the whole fill. */
    static SpoolConfig config(Path directory, long quotaBytes) {
        return new SpoolConfig(directory, "bench", 64L << 20, Map.of(LANE, quotaBytes), 64L << 20);
    }

    static ObjectNode fill(Path directory, long quotaBytes, List<EnvelopeTemplate> templates, long count, String project,
            EventIds.Order idOrder)
            throws IOException {
        deleteRecursively(directory);
        List<EnvelopeTemplate> own = templates.stream().map(EnvelopeTemplate::copy).toList();
        EventIds ids = idOrder.start();
        Rfc3339Millis times = new Rfc3339Millis();
        byte[] id = new byte[EnvelopeTemplate.ID_LENGTH];
        byte[] time = new byte[EnvelopeTemplate.TIME_LENGTH];
        long bytes = 0;
        long started = System.nanoTime();
        try (Spool spool = Spool.open(config(directory, quotaBytes), Clock.systemUTC())) {
            Lane lane = spool.lane(LANE);
            ArrayDeque<Pending> pending = new ArrayDeque<>();
            for (long i = 0; i < count; i++) {
                EnvelopeTemplate template = own.get((int) (i % own.size()));
                ids.next(id);
                times.write(System.currentTimeMillis(), time, 0);
                template.stamp(id, time);
                byte[] body = template.gzip();
                bytes += body.length;
                pending.addLast(new Pending(body, lane.append(draft(project, body))));
                if (pending.size() >= IN_FLIGHT) {
                    settle(lane, project, pending.removeFirst());
                }
            }
            while (!pending.isEmpty()) {
                settle(lane, project, pending.removeFirst());
            }
            long records = lane.stats().nextOffset();
            if (records != count) {
                throw new IllegalStateException("the events lane holds " + records + " records, expected " + count);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ObjectNode json = JSON.createObjectNode();
        json.put("records", count);
        json.put("templates", own.size());
        json.put("meanGzipBytes", count == 0 ? 0 : bytes / count);
        json.put("seconds", LatencyRecorder.round(seconds, 3));
        json.put("appendsPerSecond", LatencyRecorder.round(count / seconds, 1));
        return json;
    }

    private record Pending(byte[] body, CompletableFuture<AppendOutcome> outcome) {}

    private static RecordDraft draft(String project, byte[] body) {
        return new RecordDraft(project, SOURCE, CONTENT_TYPE, "gzip", ByteBuffer.wrap(body));
    }

    /** Waits for one append; a Busy refusal (too much waiting for the next fsync) is appended again. */
    private static void settle(Lane lane, String project, Pending pending) {
        AppendOutcome outcome = pending.outcome().join();
        while (outcome instanceof AppendOutcome.Busy) {
            Thread.onSpinWait();
            outcome = lane.append(draft(project, pending.body())).join();
        }
        if (!(outcome instanceof AppendOutcome.Appended)) {
            throw new IllegalStateException("filling the spool failed: " + outcome);
        }
    }

    /**
     * Copies a closed spool directory, so that two runs start from the same records, and forces every file and
     * directory of the copy to disk before returning: a million events' copy is over a gigabyte of dirty page cache,
     * which the kernel would otherwise write back some 30 seconds later, in the middle of whatever is measured then.
     */
    static void copy(Path from, Path to) throws IOException {
        deleteRecursively(to);
        List<Path> copied = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                copied.add(target);
            }
        }
        for (Path path : copied.reversed()) { // files before the directories that name them
            try (FileChannel channel = FileChannel.open(path, Files.isDirectory(path)
                    ? StandardOpenOption.READ
                    : StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
