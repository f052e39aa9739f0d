package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/** A record read back from a lane: its offset in the lane, its header and its body (read-only). */
public record SpoolRecord(long offset, RecordHeader header, ByteBuffer body) {

    public SpoolRecord {
        requireNonNull(header, "header is null");
        requireNonNull(body, "body is null");
    }
}
