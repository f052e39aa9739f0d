package dev.breakwater.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Configs, drafts and read-backs the spool tests share. */
final class Fixtures {

    static final String NODE = "node-1";
    static final long SEGMENT = SpoolConfig.MIN_SEGMENT_BYTES;
    static final long LARGE_QUOTA = 1L << 30;

    private Fixtures() {}

    /** Lanes with a large quota each, small segments, and a generous pending limit. */
    static SpoolConfig config(Path directory, String... lanes) {
        Map<String, Long> quotas = new LinkedHashMap<>();
        for (String lane : lanes) {
            quotas.put(lane, LARGE_QUOTA);
        }
        return new SpoolConfig(directory, NODE, SEGMENT, quotas, 64L << 20);
    }

    static RecordDraft draft(byte[] body) {
        return new RecordDraft("project-1", "sentry-envelope", "application/json", "identity", ByteBuffer.wrap(body));
    }

    static byte[] body(long seed, int size) {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        return body;
    }

    static AppendOutcome.Appended appended(CompletableFuture<AppendOutcome> outcome) {
        AppendOutcome result = outcome.join();
        assertThat(result).isInstanceOf(AppendOutcome.Appended.class);
        return (AppendOutcome.Appended) result;
    }

    /** Appends one record and waits until it is durable. */
    static AppendOutcome.Appended append(Lane lane, byte[] body) {
        return appended(lane.append(draft(body)));
    }

    /** Every durable record of the lane, oldest first. */
    static List<SpoolRecord> readAll(Lane lane) throws IOException {
        try (LaneReader reader = lane.reader(lane.stats().oldestOffset())) {
            return drain(reader);
        }
    }

    static List<SpoolRecord> drain(LaneReader reader) throws IOException {
        List<SpoolRecord> records = new ArrayList<>();
        List<SpoolRecord> batch;
        while (!(batch = reader.poll(1000, 16 << 20)).isEmpty()) {
            records.addAll(batch);
        }
        return records;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static List<byte[]> bodies(List<SpoolRecord> records) {
        return records.stream().map(record -> bytes(record.body())).toList();
    }

    static boolean sameBytes(List<byte[]> expected, List<byte[]> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The frame size of a record with this body, as the codec lays it out. */
    static int frameBytes(String lane, byte[] body) {
        return new RecordCodec(lane, NODE).encode(draft(body)).frameBytes();
    }

    static List<Path> segmentFiles(Path laneDirectory) throws IOException {
        try (Stream<Path> files = Files.list(laneDirectory)) {
            return files.filter(file -> Segment.baseOffsetOf(file) >= 0).sorted().toList();
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
