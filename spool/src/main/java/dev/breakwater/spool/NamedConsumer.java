package dev.breakwater.spool;

import static dev.breakwater.spool.Checks.requireArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

/**
 * A {@link LaneConsumer}: a {@link Cursor} that starts at its persistent position, commits it, and tells
 * {@link Retention} what it still holds. Not thread-safe.
 */
final class NamedConsumer implements LaneConsumer {

    private final String lane;
    private final ConsumerPosition position;
    private final Cursor cursor;
    private final Segments segments;
    private final Retention retention;
    private boolean closed;

    NamedConsumer(String lane, ConsumerPosition position, Cursor cursor, Segments segments, Retention retention) {
        this.lane = requireNonNull(lane, "lane is null");
        this.position = requireNonNull(position, "position is null");
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.retention = requireNonNull(retention, "retention is null");
    }

    @Override
    public String name() {
        return position.name();
    }

    @Override
    public List<SpoolRecord> poll(int maxRecords, long maxBytes) throws IOException {
        List<SpoolRecord> records = cursor.poll(maxRecords, maxBytes);
        position.reading(cursor.position());
        return records;
    }

    @Override
    public long position() {
        return cursor.position();
    }

    /**
     * @throws IllegalArgumentException when {@code nextOffset} is before the oldest record on disk or after the
     *     newest durable one
     */
    @Override
    public void commit(long nextOffset) throws IOException {
        ensureOpen();
        requireArgument(
                nextOffset >= segments.oldestOffset() && nextOffset <= segments.nextOffset(),
                "lane %s holds offsets [%d, %d], consumer '%s' cannot commit %d",
                lane,
                segments.oldestOffset(),
                segments.nextOffset(),
                name(),
                nextOffset);
        try {
            position.commit(nextOffset);
        } finally {
            retention.enforce();
        }
    }

    @Override
    public long committed() {
        return position.committed();
    }

    /** @throws IllegalArgumentException when {@code offset} is no longer, or not yet, on disk */
    @Override
    public void seek(long offset) throws IOException {
        ensureOpen();
        // Hold first, then move: from here on no segment at or after the offset can be deleted.
        retention.hold(position, offset);
        try {
            cursor.seek(offset);
        } finally {
            position.reading(cursor.position());
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cursor.close();
        } finally {
            retention.detach(position);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("consumer '" + name() + "' of lane " + lane + " is closed");
        }
    }
}
