package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a spool is laid out on disk and how much it may hold. Validated on construction, so that a bad setting
 * fails at start-up naming its key.
 *
 * @param directory       {@code spool.directory}: root folder; each lane lives in {@code directory/<lane>/}
 * @param nodeId          {@code spool.node-id}: this ingest node's id, written into every record header
 * @param segmentBytes    {@code spool.segment-size}: a segment is rolled once it holds at least this many bytes
 * @param laneQuotaBytes  {@code spool.lanes.<lane>.quota}: per lane name, the most disk its segments may use; the key
 *                        set is the set of lanes (kept sorted by name)
 * @param maxPendingBytes {@code spool.max-pending}: per lane, the most bytes that may wait for the next group commit;
 *                        beyond it appends are refused as busy
 */
public record SpoolConfig(
        Path directory, String nodeId, long segmentBytes, Map<String, Long> laneQuotaBytes, long maxPendingBytes) {

    /** Smallest segment size: below it the fsync of the directory at every roll would dominate. */
    public static final long MIN_SEGMENT_BYTES = 64L * 1024;

    /** Largest segment size: a segment is the unit of deletion, and all of it stays on disk until consumed. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;

    private static final Pattern LANE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public SpoolConfig {
        requireNonNull(directory, "spool.directory is null");
        requireNonNull(nodeId, "spool.node-id is null");
        requireNonNull(laneQuotaBytes, "spool.lanes is null");
        requireArgument(!nodeId.isBlank(), "spool.node-id must not be blank");
        int nodeIdBytes = nodeId.getBytes(UTF_8).length;
        requireArgument(
                nodeIdBytes <= RecordCodec.MAX_STRING_BYTES,
                "spool.node-id must be at most %d bytes of UTF-8, was %d",
                RecordCodec.MAX_STRING_BYTES,
                nodeIdBytes);
        requireArgument(
                segmentBytes >= MIN_SEGMENT_BYTES, "spool.segment-size must be at least 64KiB, was %d", segmentBytes);
        requireArgument(
                segmentBytes <= MAX_SEGMENT_BYTES, "spool.segment-size must be at most 1GiB, was %d", segmentBytes);
        requireArgument(!laneQuotaBytes.isEmpty(), "spool.lanes must name at least one lane");
        for (Map.Entry<String, Long> lane : laneQuotaBytes.entrySet()) {
            String name = lane.getKey();
            requireArgument(
                    name != null && LANE_NAME.matcher(name).matches(),
                    "spool.lanes: a lane name must match %s, was '%s'",
                    LANE_NAME,
                    name);
            requireArgument(lane.getValue() != null, "spool.lanes.%s.quota is null", name);
            // The active segment is never deleted, so a lane needs room for a full segment beside it to go on.
            requireArgument(
                    lane.getValue() >= 2 * segmentBytes,
                    "spool.lanes.%s.quota must be at least twice spool.segment-size (%d), was %d",
                    name,
                    2 * segmentBytes,
                    lane.getValue());
        }
        requireArgument(maxPendingBytes > 0, "spool.max-pending must be positive, was %d", maxPendingBytes);
        laneQuotaBytes = Collections.unmodifiableMap(new TreeMap<>(laneQuotaBytes));
    }
}
