package dev.breakwater.spool;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebuilds a lane's log from its directory before the lane takes traffic.
 *
 * <ol>
 *   <li>Lists the {@code *.seg} files and checks every header (a header that names another base offset than its
 *       file stops the open: the file was put there by hand).
 *   <li>Deletes a newest segment with no complete header: it was torn while being created, before any record could
 *       be written to it, and the one before it becomes the newest again.
 *   <li>Scans the newest segment frame by frame and truncates it at the first frame that is cut short, has an
 *       impossible length or fails its CRC: nothing after such a frame can be located, and that is where a crash
 *       tore the last write. Older segments are not scanned (their extent is known from the next one's base offset,
 *       and readers check every frame's CRC anyway), so opening costs the same however much is spooled.
 * </ol>
 *
 * It also finds the floors the lane carries forward: the next seq (past the newest record and the newest segment
 * header) and the newest receive time. Not thread-safe; runs once per lane, before anything else touches it.
 */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private Recovery() {}

    /**
     * What recovery found.
     *
     * @param segments       in offset order, the last of them open for appends; empty when the lane has no segment yet
     * @param nextOffset     the offset of the next record
     * @param nextSeq        above every seq this lane has handed out
     * @param lastReceivedAt the newest receive time in this lane, or 0
     */
    record Result(
            String lane, Path directory, List<Segment> segments, long nextOffset, long nextSeq, long lastReceivedAt) {

        void close() {
            segments.forEach(Segment::close);
        }
    }

    static Result recover(String lane, Path directory, ChannelFactory channels) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Fsync.directory(directory.getParent());
        }
        TreeMap<Long, Path> files = segmentFiles(directory);
        long nextOffset = 0;
        while (!files.isEmpty() && Files.size(files.lastEntry().getValue()) < SegmentHeader.BYTES) {
            Map.Entry<Long, Path> torn = files.pollLastEntry();
            LOG.log(Level.WARNING, "lane {0}: deleting {1}, torn while it was being created", lane, torn.getValue());
            Files.delete(torn.getValue());
            Fsync.directory(directory);
            nextOffset = torn.getKey();
        }
        if (files.isEmpty()) {
            return new Result(lane, directory, List.of(), nextOffset, 0, 0);
        }
        List<Segment> segments = new ArrayList<>();
        Map.Entry<Long, Path> newest = files.pollLastEntry();
        for (Map.Entry<Long, Path> older : files.entrySet()) {
            Path file = older.getValue();
            try (FileChannel channel = channels.open(file, READ)) {
                header(lane, file, older.getKey(), channel);
            }
            long end = files.higherKey(older.getKey()) != null ? files.higherKey(older.getKey()) : newest.getKey();
            segments.add(Segment.sealed(lane, file, older.getKey(), Files.size(file), end, channels));
        }
        return scanNewest(lane, directory, newest.getKey(), newest.getValue(), segments, channels);
    }

    private static Result scanNewest(
            String lane, Path directory, long base, Path file, List<Segment> segments, ChannelFactory channels)
            throws IOException {
        FileChannel channel = channels.open(file, READ, WRITE);
        try {
            Optional<SegmentHeader> header = header(lane, file, base, channel);
            long nextSeq = header.map(SegmentHeader::nextSeq).orElse(0L);
            long lastReceivedAt = header.map(SegmentHeader::lastReceivedAt).orElse(0L);
            OffsetIndex index = new OffsetIndex(base);
            long size = channel.size();
            long position = SegmentHeader.BYTES;
            long offset = base;
            while (position < size) {
                ByteBuffer payload;
                try {
                    payload = Frame.payload(channel, position, Frame.length(channel, position, size));
                } catch (DamagedFrameException e) {
                    truncate(lane, file, channel, position, size, e.getMessage());
                    size = position;
                    break;
                }
                RecordHeader record = decode(lane, file, position, offset, payload);
                nextSeq = Math.max(nextSeq, record.seq() + 1);
                lastReceivedAt = Math.max(lastReceivedAt, record.receivedAt());
                index.maybeAdd(offset, position);
                position += Frame.HEAD_BYTES + payload.remaining();
                offset++;
            }
            segments.add(Segment.active(lane, file, base, channel, size, offset, index, channels));
            return new Result(lane, directory, List.copyOf(segments), offset, nextSeq, lastReceivedAt);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static RecordHeader decode(String lane, Path file, long position, long offset, ByteBuffer payload)
            throws IOException {
        try {
            return RecordCodec.decode(offset, payload).header();
        } catch (IllegalArgumentException e) {
            // The CRC holds, so this is no torn write: most likely a newer build wrote it. Stop rather than cut it.
            throw new CorruptRecordException(lane, file, position, offset, -1, e.getMessage());
        }
    }

    private static void truncate(String lane, Path file, FileChannel channel, long position, long size, String why)
            throws IOException {
        if (zeros(channel, position, size)) {
            // what the writer wrote ahead of its records (Segment.PREALLOCATE_BYTES), left by a stop without close;
            // a frame whose write never reached the disk looks the same, and was never acknowledged either
            LOG.log(Level.INFO, "lane {0}: cutting the {1} bytes written ahead at the end of {2}", lane,
                    size - position, file);
        } else {
            LOG.log(
                    Level.WARNING,
                    "lane {0}: truncating {1} at byte {2}, cutting {3} bytes: {4}",
                    lane,
                    file,
                    position,
                    size - position,
                    why);
        }
        channel.truncate(position);
        channel.force(true);
    }

    /** Whether bytes [from, to) of the file are all zero (only checked up to twice the preallocation). */
    private static boolean zeros(FileChannel channel, long from, long to) throws IOException {
        if (to - from > 2L * Segment.PREALLOCATE_BYTES) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        Frame.readFully(channel, bytes, from);
        for (byte b : bytes.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The segment's header, or empty when it is damaged (recovery then goes by the file name). */
    private static Optional<SegmentHeader> header(String lane, Path file, long base, FileChannel channel)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SegmentHeader.BYTES);
        Frame.readFully(channel, bytes, 0);
        Optional<SegmentHeader> header = SegmentHeader.decode(bytes.array());
        if (header.isEmpty()) {
            LOG.log(Level.WARNING, "lane {0}: segment {1} has a damaged header; going by its file name", lane, file);
        } else if (header.get().baseOffset() != base) {
            throw new IOException(String.format(
                    "segment %s says it starts at offset %d, its name says %d",
                    file,
                    header.get().baseOffset(),
                    base));
        }
        return header;
    }

    private static TreeMap<Long, Path> segmentFiles(Path directory) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(file -> {
                long base = Segment.baseOffsetOf(file);
                if (base >= 0) {
                    files.put(base, file);
                }
            });
        }
        return files;
    }
}
