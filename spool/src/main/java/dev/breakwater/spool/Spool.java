package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The on-disk first buffer: one {@link Lane} per data type, each a segmented append-only log under
 * {@code <directory>/<lane>/}, and {@code <directory>/spool.lock}, which keeps a second process out.
 * {@link #open} recovers every lane (truncating torn tails) before it returns.
 *
 * <p>A spool belongs to one node, and numbers every record it accepts with one sequence, across lanes, strictly
 * increasing in append order; after a restart it continues above every seq on disk.
 *
 * <p>Thread-safe.
 */
public final class Spool implements Closeable {

    private final String nodeId;
    private final DirectoryLock lock;
    private final Map<String, Lane> lanes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Spool(String nodeId, DirectoryLock lock, Map<String, Lane> lanes) {
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.lanes = Collections.unmodifiableMap(lanes);
    }

    public static Spool open(SpoolConfig config, Clock clock) throws IOException {
        return open(config, clock, ChannelFactory.DEFAULT);
    }

    static Spool open(SpoolConfig config, Clock clock, ChannelFactory channels) throws IOException {
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(channels, "channels is null");
        if (!Files.isDirectory(config.directory())) {
            Files.createDirectories(config.directory());
            Fsync.directory(config.directory().toAbsolutePath().getParent());
        }
        DirectoryLock lock = DirectoryLock.acquire(config.directory());
        List<Recovery.Result> recovered = new ArrayList<>();
        Map<String, Lane> lanes = new LinkedHashMap<>();
        int handedOver = 0;
        try {
            for (String lane : config.laneQuotaBytes().keySet()) {
                recovered.add(Recovery.recover(lane, config.directory().resolve(lane), channels));
            }
            // Above every seq on disk, in any lane, and above every segment header's floor: so numbers keep going up
            // even for a lane whose records have all been consumed and deleted.
            AtomicLong sequence = new AtomicLong(
                    recovered.stream().mapToLong(Recovery.Result::nextSeq).max().orElse(0));
            for (Recovery.Result lane : recovered) {
                handedOver++;
                lanes.put(lane.lane(), Lane.open(lane, config, clock, sequence, channels));
            }
        } catch (IOException | RuntimeException e) {
            lanes.values().forEach(Lane::close);
            // Lane.open closes what it was given when it fails; the rest never reached it.
            recovered.subList(handedOver, recovered.size()).forEach(Recovery.Result::close);
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new Spool(config.nodeId(), lock, lanes);
    }

    public String nodeId() {
        return nodeId;
    }

    /** @throws IllegalArgumentException naming the lane when it is not configured */
    public Lane lane(String name) {
        requireNonNull(name, "name is null");
        Lane lane = lanes.get(name);
        if (lane == null) {
            throw new IllegalArgumentException("unknown lane '" + name + "'; the lanes are " + lanes.keySet());
        }
        return lane;
    }

    /** The lanes, ordered by name. */
    public Collection<Lane> lanes() {
        return lanes.values();
    }

    /**
     * Stops taking appends (later ones end as {@link AppendOutcome.Failed} "spool closed"), writes and forces what is
     * pending, completes every future, closes every file and releases the directory. Safe to call more than once.
     * Readers and consumers stay the caller's to close.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lanes.values().forEach(Lane::close);
        lock.close();
    }
}
