package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The disk's durable-append ceiling: a single thread appends batches of B records of S bytes to a file — one
 * gathering {@link FileChannel#write(ByteBuffer[])} per batch, then {@link FileChannel#force(boolean) force(false)}
 * (fdatasync) — for each batch size in turn, and reports appends/s and forces/s. No framing, no CRC, no threads
 * handing off: the most a group-committing log on this disk can do at that batch size.
 *
 * <p>Like the spool's segments, the file is kept written in zeros up to 256 KiB past the records, so most
 * fdatasyncs overwrite blocks the file has and need not commit a size change (the spool's {@code Segment} explains
 * why), and is rolled — closed, deleted, a new one created — at the segment size, which bounds disk use.
 * {@code FsyncCeiling --dir DIR [--record-bytes 2048] [--batches 1,4,16,64,256] [--seconds 5] [--warmup 1s]
 * [--segment-bytes 64m] [--json FILE]}
 */
public final class FsyncCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: FsyncCeiling --dir DIR [--record-bytes 2048] [--batches 1,4,16,64,256] [--seconds 5s]
                                [--warmup 1s] [--segment-bytes 64m] [--json FILE]""";

    private FsyncCeiling() {}

    public static void main(String[] argv) throws IOException {
        try {
            Args args = Args.parse(argv, Set.of("dir", "record-bytes", "batches", "seconds", "warmup", "segment-bytes", "json"));
            Path dir = Path.of(args.required("dir"));
            int recordBytes = (int) Math.min(Integer.MAX_VALUE, args.size("record-bytes", 2048));
            List<Integer> batches = args.intList("batches", List.of(1, 4, 16, 64, 256));
            Duration seconds = args.duration("seconds", Duration.ofSeconds(5));
            Duration warmup = args.duration("warmup", Duration.ofSeconds(1));
            long segmentBytes = args.size("segment-bytes", 64L << 20);
            Files.createDirectories(dir);
            ObjectNode report = report(dir, recordBytes, segmentBytes);
            ArrayNode results = report.putArray("results");
            for (int batch : batches) {
                ObjectNode result = measure(dir, batch, recordBytes, segmentBytes, warmup, seconds);
                results.add(result);
                print(result, recordBytes);
            }
            if (args.has("json")) {
                Files.writeString(Path.of(args.required("json")), report.toPrettyString());
            }
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** The report's header fields; results go in its {@code results} array. */
    static ObjectNode report(Path dir, int recordBytes, long segmentBytes) throws IOException {
        ObjectNode report = JSON.createObjectNode();
        report.put("directory", dir.toAbsolutePath().toString());
        report.put("fileSystem", Files.getFileStore(dir).type());
        report.put("recordBytes", recordBytes);
        report.put("segmentBytes", segmentBytes);
        return report;
    }

    static void print(ObjectNode result, int recordBytes) {
        System.out.printf("fsync ceiling: batch %4d x %d B: %10.1f appends/s %8.1f forces/s  force p50 %.3f ms p99 %.3f ms%n",
                result.get("batch").asInt(), recordBytes, result.get("appendsPerSecond").asDouble(),
                result.get("forcesPerSecond").asDouble(), result.get("forceLatencyMs").get("p50").asDouble(),
                result.get("forceLatencyMs").get("p99").asDouble());
    }

    static ObjectNode measure(Path dir, int batch, int recordBytes, long segmentBytes, Duration warmup, Duration duration)
            throws IOException {
        Files.createDirectories(dir);
        Histogram forceMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        DeviceFlushes flushes = DeviceFlushes.of(dir);
        try (Loop loop = new Loop(dir, recordBytes, segmentBytes)) {
            loop.run(batch, warmup, null);
            OptionalLong flushesBefore = flushes.read();
            Loop.Slice slice = loop.run(batch, duration, forceMicros);
            OptionalLong flushesAfter = flushes.read();
            ObjectNode result = result(batch, recordBytes, slice.forces(), slice.seconds(), forceMicros);
            if (flushesBefore.isPresent() && flushesAfter.isPresent()) {
                result.put("deviceFlushes", flushesAfter.getAsLong() - flushesBefore.getAsLong());
                result.put("device", flushes.device());
            }
            return result;
        }
    }

    /** One batch size's numbers, from its forces over its seconds. */
    static ObjectNode result(int batch, int recordBytes, long forces, double seconds, Histogram forceMicros) {
        ObjectNode result = JSON.createObjectNode();
        result.put("batch", batch);
        result.put("seconds", LatencyRecorder.round(seconds, 3));
        result.put("appends", forces * batch);
        result.put("forces", forces);
        result.put("appendsPerSecond", LatencyRecorder.round(forces * batch / seconds, 1));
        result.put("forcesPerSecond", LatencyRecorder.round(forces / seconds, 1));
        result.put("megabytesPerSecond", LatencyRecorder.round(forces * batch * (double) recordBytes / seconds / 1e6, 2));
        result.set("forceLatencyMs", LatencyRecorder.percentilesJson(forceMicros));
        return result;
    }

    /**
     * The raw loop on one file that stays open between runs, so that it can take turns with another measurement on
     * the same disk (see {@link SpoolGroupCommitBench}). Each batch size gets its own records, made once.
     */
    static final class Loop implements AutoCloseable {
        private final int recordBytes;
        private final Segment segment;
        private final Map<Integer, ByteBuffer[]> recordsByBatch = new HashMap<>();

        /** What one run did: whole batches forced, over the seconds it took. */
        record Slice(int batch, long forces, double seconds) {
            long appends() {
                return forces * batch;
            }
        }

        Loop(Path dir, int recordBytes, long segmentBytes) throws IOException {
            this.recordBytes = recordBytes;
            Files.createDirectories(dir);
            this.segment = new Segment(dir, segmentBytes);
        }

        /** Appends and forces batches of {@code batch} records for {@code duration}; latencies go to {@code forceMicros} unless null. */
        Slice run(int batch, Duration duration, Histogram forceMicros) throws IOException {
            ByteBuffer[] records = recordsByBatch.computeIfAbsent(batch, b -> records(b, recordBytes));
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long forces = 0;
            long now = start;
            while (now - end < 0) {
                long forceStart = segment.append(records);
                now = System.nanoTime();
                if (forceMicros != null) {
                    forceMicros.recordValue(Math.min(forceMicros.getHighestTrackableValue(), (now - forceStart) / 1000));
                }
                forces++;
            }
            return new Slice(batch, forces, (now - start) / 1e9);
        }

        private static ByteBuffer[] records(int batch, int recordBytes) {
            ByteBuffer[] records = new ByteBuffer[batch];
            SplittableRandom random = new SplittableRandom(batch);
            for (int i = 0; i < batch; i++) {
                byte[] bytes = new byte[recordBytes];
                random.nextBytes(bytes); // incompressible, in case the filesystem or device compresses
                records[i] = ByteBuffer.wrap(bytes);
            }
            return records;
        }

        @Override
        public void close() throws IOException {
            segment.delete();
        }
    }

    /** The file being appended to, rolled at the segment size. Returns the time the force started, for its latency. */
    private static final class Segment {
        /** As the spool's {@code Segment.PREALLOCATE_BYTES}. */
        private static final int PREALLOCATE_BYTES = 256 * 1024;
        private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREALLOCATE_BYTES).asReadOnlyBuffer();

        private final Path dir;
        private long allocated;
        private final long segmentBytes;
        private FileChannel channel;
        private Path file;
        private int sequence;

        Segment(Path dir, long segmentBytes) throws IOException {
            this.dir = dir;
            this.segmentBytes = segmentBytes;
            roll();
        }

        long append(ByteBuffer[] records) throws IOException {
            for (ByteBuffer record : records) {
                record.clear();
            }
            long remaining = 0;
            for (ByteBuffer record : records) {
                remaining += record.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(records);
            }
            preallocate(channel.position());
            long forceStart = System.nanoTime();
            channel.force(false);
            if (channel.position() >= segmentBytes) {
                roll();
            }
            return forceStart;
        }

        /** The spool's rule: zeros up to the next multiple of 256 KiB, at least 128 KiB past the records. */
        private void preallocate(long end) throws IOException {
            allocated = Math.max(allocated, end);
            if (allocated - end >= PREALLOCATE_BYTES / 2) {
                return;
            }
            long target = (end / PREALLOCATE_BYTES + 1) * PREALLOCATE_BYTES;
            if (target - end < PREALLOCATE_BYTES / 2) {
                target += PREALLOCATE_BYTES;
            }
            while (allocated < target) {
                ByteBuffer zeros = ZEROS.duplicate().limit((int) Math.min(PREALLOCATE_BYTES, target - allocated));
                while (zeros.hasRemaining()) {
                    allocated += channel.write(zeros, allocated);
                }
            }
        }

        private void roll() throws IOException {
            delete();
            allocated = 0;
            file = dir.resolve("fsync-ceiling-" + ProcessHandle.current().pid() + "-" + sequence++ + ".log");
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            // a new file's directory entry must be durable too, as a log's would be: part of the wall time, not of force latency
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        }

        void delete() throws IOException {
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(file);
                channel = null;
            }
        }
    }
}
