package dev.breakwater.spool;

/** How an append ended. Exactly one of these, never an exception for an expected refusal. */
public sealed interface AppendOutcome {

    /** Durable: forced to disk before this outcome was produced. */
    record Appended(long offset, long seq, long receivedAt) implements AppendOutcome {}

    /** The lane's disk quota, or the filesystem under it, has no room for this record. */
    record LaneFull(long usedBytes, long quotaBytes, String detail) implements AppendOutcome {}

    /** Too many bytes are already waiting for the next group commit; try again shortly. */
    record Busy(long pendingBytes) implements AppendOutcome {}

    /** The lane could not write or force its log; nothing of this record is readable. */
    record Failed(String reason) implements AppendOutcome {}
}
