package dev.breakwater.spool;

import static dev.breakwater.spool.Fixtures.append;
import static dev.breakwater.spool.Fixtures.body;
import static dev.breakwater.spool.Fixtures.bodies;
import static dev.breakwater.spool.Fixtures.readAll;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testing.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to segment files: what recovery cuts, and what readers refuse to hand out. */
class SegmentRecoveryTest {

    private static final int BODY = 1000;

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(1_000);

    private SpoolConfig config() {
        return Fixtures.config(directory, "events");
    }

    private Path laneDirectory() {
        return directory.resolve("events");
    }

    /** Appends {@code count} records of {@value #BODY} bytes and closes the spool. */
    private List<byte[]> write(int count) throws IOException {
        List<byte[]> written = new ArrayList<>();
        try (Spool spool = Spool.open(config(), clock)) {
            for (int i = 0; i < count; i++) {
                written.add(body(i, BODY));
                append(spool.lane("events"), written.getLast());
            }
        }
        return written;
    }

    private static long frame() {
        return Fixtures.frameBytes("events", new byte[BODY]);
    }

    /** Where record {@code index} of a segment starts, all its records being {@value #BODY}-byte ones. */
    private static long positionOf(int index) {
        return SegmentHeader.BYTES + index * frame();
    }

    private Path lastSegment() throws IOException {
        return Fixtures.segmentFiles(laneDirectory()).getLast();
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            channel.write(one.flip(), position);
        }
    }

    @Test
    void whatAStopWithoutCloseLeavesOpensWithEveryRecordAndTheZerosWrittenAheadCut() throws IOException {
        // The files as a kill -9 leaves them, copied while the spool is open: the active segment still runs on in
        // zeros past its records, and the sealed ones were cut to theirs before the next was created.
        Path crashed = directory.resolve("crashed");
        List<byte[]> written = new ArrayList<>();
        try (Spool spool = Spool.open(config(), clock)) {
            for (int i = 0; i < 150; i++) { // a little over two 64 KiB segments of 1 KB records
                written.add(body(i, BODY));
                append(spool.lane("events"), written.getLast());
            }
            Files.createDirectories(crashed.resolve("events"));
            for (Path file : Fixtures.segmentFiles(laneDirectory())) {
                Files.copy(file, crashed.resolve("events").resolve(file.getFileName()));
            }
            List<Path> files = Fixtures.segmentFiles(laneDirectory());
            assertThat(files).hasSizeGreaterThan(2);
            int inActive = written.size() - (int) Segment.baseOffsetOf(files.getLast());
            assertThat(Files.size(files.getLast())).as("written ahead").isGreaterThan(positionOf(inActive));
            for (Path sealed : files.subList(0, files.size() - 1)) {
                assertThat((Files.size(sealed) - SegmentHeader.BYTES) % frame()).as("%s ends at a record", sealed)
                        .isZero();
            }
        }

        try (Spool spool = Spool.open(Fixtures.config(crashed, "events"), clock)) {
            List<SpoolRecord> records = readAll(spool.lane("events"));
            assertThat(bodies(records)).containsExactlyElementsOf(written);
            Path active = Fixtures.segmentFiles(crashed.resolve("events")).getLast();
            int inActive = written.size() - (int) Segment.baseOffsetOf(active);
            assertThat(Files.size(active)).as("the zeros are cut at open").isEqualTo(positionOf(inActive));
        }
    }

    private List<SpoolRecord> reopenAndReadAll() throws IOException {
        try (Spool spool = Spool.open(config(), clock)) {
            return readAll(spool.lane("events"));
        }
    }

    @Test
    void aGarbageTailIsCutAndAppendsGoOnAfterTheLastGoodRecord() throws IOException {
        List<byte[]> written = write(5);
        Path segment = lastSegment();
        long goodSize = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, WRITE, APPEND)) {
            channel.write(ByteBuffer.wrap(body(99, 100)));
        }

        try (Spool spool = Spool.open(config(), clock)) {
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            assertThat(append(spool.lane("events"), body(5, BODY)).offset()).isEqualTo(5);
            written.add(body(5, BODY));
            assertThat(bodies(readAll(spool.lane("events")))).containsExactlyElementsOf(written);
        }
    }

    @Test
    void aTruncatedLastFrameIsCut() throws IOException {
        List<byte[]> written = write(5);
        Path segment = lastSegment();
        try (FileChannel channel = FileChannel.open(segment, WRITE)) {
            channel.truncate(Files.size(segment) - 10);
        }

        List<SpoolRecord> records = reopenAndReadAll();

        assertThat(bodies(records)).containsExactlyElementsOf(written.subList(0, 4));
        assertThat(Files.size(segment)).isEqualTo(positionOf(4));
    }

    @Test
    void aFlippedByteInTheLastSegmentCutsTheTailAtItsRecord() throws IOException {
        List<byte[]> written = write(10);
        Path segment = lastSegment();
        flipByte(segment, positionOf(5) + frame() / 2);

        List<SpoolRecord> records = reopenAndReadAll();

        assertThat(bodies(records)).containsExactlyElementsOf(written.subList(0, 5));
        assertThat(Files.size(segment)).isEqualTo(positionOf(5));
    }

    @Test
    void anImpossibleLengthIsCut() throws IOException {
        List<byte[]> written = write(3);
        Path segment = lastSegment();
        try (FileChannel channel = FileChannel.open(segment, WRITE, APPEND)) {
            channel.write(ByteBuffer.allocate(64).putInt(0, 3).putInt(4, 0xCAFE));
        }

        assertThat(bodies(reopenAndReadAll())).containsExactlyElementsOf(written);
        assertThat(Files.size(segment)).isEqualTo(positionOf(3));
    }

    @Test
    void aSegmentTornWhileBeingCreatedIsDropped() throws IOException {
        List<byte[]> written = write(3);
        Path torn = laneDirectory().resolve(Segment.fileName(3));
        Files.write(torn, new byte[10]);

        try (Spool spool = Spool.open(config(), clock)) {
            assertThat(torn).doesNotExist();
            assertThat(append(spool.lane("events"), body(3, BODY)).offset()).isEqualTo(3);
            assertThat(readAll(spool.lane("events"))).hasSize(4);
        }
        assertThat(bodies(reopenAndReadAll()).subList(0, 3)).containsExactlyElementsOf(written);
    }

    @Test
    void aCorruptRecordInAnOlderSegmentIsNeverReturnedAndIsReportedWhereItIs() throws IOException {
        int count = 200; // about three 64KiB segments of 1KB records
        List<byte[]> written = write(count);
        List<Path> segments = Fixtures.segmentFiles(laneDirectory());
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
        Path first = segments.getFirst();
        long firstSize = Files.size(first);
        long resume = Segment.baseOffsetOf(segments.get(1));
        flipByte(first, positionOf(30) + frame() - 1);

        try (Spool spool = Spool.open(config(), clock);
                LaneConsumer consumer = spool.lane("events").consumer("pipeline")) {
            assertThat(Files.size(first)).as("older segments are not cut at open").isEqualTo(firstSize);

            List<SpoolRecord> before = consumer.poll(1000, Long.MAX_VALUE);
            assertThat(bodies(before)).containsExactlyElementsOf(written.subList(0, 30));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> consumer.poll(1000, Long.MAX_VALUE))
                        .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                            assertThat(e.lane()).isEqualTo("events");
                            assertThat(e.segment()).isEqualTo(first);
                            assertThat(e.offset()).isEqualTo(30);
                            assertThat(e.position()).isEqualTo(positionOf(30));
                            assertThat(e.resumeOffset()).isEqualTo(resume);
                            assertThat(e).hasMessageContaining("CRC32C mismatch");
                        });
            }
            assertThat(consumer.position()).isEqualTo(30);

            consumer.seek(resume);
            assertThat(bodies(Fixtures.drain(consumer)))
                    .containsExactlyElementsOf(written.subList((int) resume, count));
        }
    }

    @Test
    void aDamagedLengthInAnOlderSegmentStopsAReaderThatSeeksPastIt() throws IOException {
        write(200);
        Path first = Fixtures.segmentFiles(laneDirectory()).getFirst();
        flipByte(first, positionOf(10));

        try (Spool spool = Spool.open(config(), clock)) {
            assertThatThrownBy(() -> spool.lane("events").reader(20))
                    .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                        assertThat(e.offset()).isEqualTo(10);
                        assertThat(e).hasMessageContaining("frame length");
                    });
        }
    }

    @Test
    void aRecordOfAnUnknownFormatStopsTheOpenInsteadOfBeingCut() throws IOException {
        write(2);
        Path segment = lastSegment();
        // Rewrite record 1 as a CRC-valid frame of format version 2.
        try (FileChannel channel = FileChannel.open(segment, READ, WRITE)) {
            long position = positionOf(1);
            ByteBuffer frame = ByteBuffer.allocate((int) frame());
            channel.read(frame, position);
            frame.put(Frame.HEAD_BYTES, (byte) 2);
            int headBytes = Frame.HEAD_BYTES + 1;
            Frame.seal(
                    ByteBuffer.wrap(frame.array(), 0, headBytes).slice(),
                    ByteBuffer.wrap(frame.array(), headBytes, frame.capacity() - headBytes));
            channel.write(frame.clear(), position);
        }
        long size = Files.size(segment);

        assertThatThrownBy(() -> Spool.open(config(), clock))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("record format version 2");
        assertThat(Files.size(segment)).isEqualTo(size);
    }
}
