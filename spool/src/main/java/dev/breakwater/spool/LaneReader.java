package dev.breakwater.spool;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads a lane's records in offset order. Sees only durable records (forced to disk), and never returns a record
 * whose CRC does not match: it throws {@link CorruptRecordException} instead, and stays at that record (see there
 * for what to do about it). Not thread-safe.
 */
public interface LaneReader extends Closeable {

    /**
     * The next durable records, at most {@code maxRecords} of them and at most {@code maxBytes} of frames (header and
     * body), except that a single record larger than {@code maxBytes} is returned alone rather than never. Never
     * blocks waiting for records: empty when caught up.
     *
     * @throws CorruptRecordException when the next record is damaged
     */
    List<SpoolRecord> poll(int maxRecords, long maxBytes) throws IOException;

    /** The offset of the next record {@link #poll} would return. */
    long position();
}
