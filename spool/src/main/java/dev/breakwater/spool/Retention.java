package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides when a lane's sealed segments may go, and keeps the registry of its named consumers
 * ({@code <lane>/consumers/*.pos}).
 *
 * <p>A sealed segment is deleted once every registered consumer has committed past its last record and no consumer
 * has sought back into it. Registered means having a position file, whether or not it is open in this process: a
 * consumer that has not attached yet after a restart still holds what it has not read. With no consumer registered
 * nothing is deleted, since the spool cannot know that nobody will read.
 *
 * <p>Thread-safe: registration, attaching, seeking back and deletion serialise on this object, so a segment is never
 * deleted between the moment a consumer picks an offset and the moment it holds it. Stats read without locking.
 */
final class Retention {

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());
    private static final Pattern CONSUMER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final String lane;
    private final Segments segments;
    private final Path directory;
    private final Map<String, ConsumerPosition> positions; // changed under this; read by stats without it

    private Retention(String lane, Segments segments, Path directory, Map<String, ConsumerPosition> positions) {
        this.lane = requireNonNull(lane, "lane is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.positions = requireNonNull(positions, "positions is null");
    }

    /** Loads the registered consumers, moving a position the log no longer covers to its nearest end. */
    static Retention load(String lane, Segments segments, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Fsync.directory(directory.getParent());
        }
        Map<String, ConsumerPosition> positions = new ConcurrentHashMap<>();
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.toList();
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(ConsumerPosition.TEMP_SUFFIX)) {
                // A commit that crashed before its rename: the position file beside it still holds the last commit.
                Files.delete(file);
            } else if (fileName.endsWith(ConsumerPosition.SUFFIX)) {
                ConsumerPosition position = ConsumerPosition.load(file);
                clamp(lane, position, segments);
                positions.put(position.name(), position);
            }
        }
        return new Retention(lane, segments, directory, positions);
    }

    private static void clamp(String lane, ConsumerPosition position, Segments segments) throws IOException {
        long committed = position.committed();
        long oldest = segments.oldestOffset();
        long next = segments.nextOffset();
        if (committed < oldest) {
            LOG.log(
                    Level.WARNING,
                    "lane {0}: consumer {1} was at {2} but the oldest record is {3}: records [{2}, {3}) were deleted,"
                            + " after a commit that did not persist or by hand",
                    lane,
                    position.name(),
                    committed,
                    oldest);
            position.commit(oldest);
        } else if (committed > next) {
            // The log ends before the position: its tail was cut by recovery. New records will reuse those offsets.
            LOG.log(
                    Level.WARNING,
                    "lane {0}: consumer {1} was at {2} but the lane ends at {3}; moving it back",
                    lane,
                    position.name(),
                    committed,
                    next);
            position.commit(next);
        }
    }

    /**
     * The position of consumer {@code name}, attached to the caller; a new consumer starts at the oldest record on
     * disk, and is registered (persisted) before this returns.
     *
     * @throws IllegalStateException when a consumer of that name is already open
     */
    synchronized ConsumerPosition attach(String name) throws IOException {
        requireNonNull(name, "name is null");
        requireArgument(
                CONSUMER_NAME.matcher(name).matches(),
                "a consumer name must match %s, was '%s'",
                CONSUMER_NAME,
                name);
        ConsumerPosition position = positions.get(name);
        if (position == null) {
            position = ConsumerPosition.create(directory, name, segments.oldestOffset());
            positions.put(name, position);
        }
        if (position.attached()) {
            throw new IllegalStateException("consumer '" + name + "' of lane " + lane + " is already open");
        }
        position.attach();
        return position;
    }

    synchronized void detach(ConsumerPosition position) {
        position.detach();
    }

    /**
     * Makes {@code position}'s consumer hold {@code offset} before it reads there.
     *
     * @throws IllegalArgumentException when the offset is no longer, or not yet, on disk
     */
    synchronized void hold(ConsumerPosition position, long offset) {
        requireArgument(
                offset >= segments.oldestOffset() && offset <= segments.nextOffset(),
                "lane %s holds offsets [%d, %d], cannot seek to %d",
                lane,
                segments.oldestOffset(),
                segments.nextOffset(),
                offset);
        position.reading(offset);
    }

    /** Deletes the sealed segments every registered consumer is done with. */
    synchronized void enforce() {
        if (positions.isEmpty()) {
            return;
        }
        long from = Long.MAX_VALUE;
        for (ConsumerPosition position : positions.values()) {
            from = Math.min(from, position.retainedFrom());
        }
        try {
            segments.deleteBefore(from);
        } catch (IOException e) {
            // Not the committer's failure: its position is safe. The lane's disk use shows what is left behind.
            LOG.log(Level.WARNING, "lane {0}: could not delete a consumed segment: {1}", lane, e.toString());
        }
    }

    /**
     * The committed offset of the slowest registered consumer, or {@code whenNone} when there is none. Without the
     * lock, which may be held across an fsync: stats must stay cheap.
     */
    long slowestCommitted(long whenNone) {
        return positions.values().stream().mapToLong(ConsumerPosition::committed).min().orElse(whenNone);
    }
}
