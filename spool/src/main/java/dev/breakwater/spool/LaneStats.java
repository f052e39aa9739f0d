package dev.breakwater.spool;

/**
 * A point-in-time view of a lane, for metrics and the pipeline page. Taken from memory, without I/O.
 *
 * @param nextOffset           offset the next append will get
 * @param oldestOffset         oldest offset still on disk
 * @param diskUsedBytes        bytes of all its segments
 * @param quotaBytes           its disk quota
 * @param appendedRecords      records appended since open
 * @param appendedBytes        bytes appended since open (frames)
 * @param lastAppendedAt       receive time of the newest record, epoch ms, or 0 if none
 * @param slowestConsumerOffset committed offset of the slowest consumer, or oldestOffset when there is none
 * @param forces               group commits forced since open: appendedRecords / forces is the records per fsync
 */
public record LaneStats(
        String lane,
        long nextOffset,
        long oldestOffset,
        long diskUsedBytes,
        long quotaBytes,
        long appendedRecords,
        long appendedBytes,
        long lastAppendedAt,
        long slowestConsumerOffset,
        long forces) {}
