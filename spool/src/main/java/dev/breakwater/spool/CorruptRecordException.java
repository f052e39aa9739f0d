package dev.breakwater.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A record on disk that fails its checks: its frame is cut short, has an impossible length, fails its CRC32C, or
 * its header cannot be decoded. Readers throw this instead of returning the record.
 *
 * <p>A reader stays at the damaged record: polling again fails again, so damage is never skipped silently (records
 * before it in the same poll are returned first, and the next poll throws). What a consumer should do: report it
 * and stop the lane, which leaves every other lane running; when losing the damaged records is acceptable, note
 * the lost range {@code [offset(), resumeOffset())} (in the lane's quarantine) and {@link LaneConsumer#seek seek}
 * to {@link #resumeOffset()}. That is the start of the next segment, because once a frame is damaged its length
 * cannot be trusted, so no later record of the same segment can be located. When the damage is in the newest
 * segment there is no next one yet ({@code resumeOffset() == -1}); it appears once the lane rolls.
 */
public final class CorruptRecordException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String lane;
    private final String segment;
    private final long position;
    private final long offset;
    private final long resumeOffset;

    CorruptRecordException(String lane, Path segment, long position, long offset, long resumeOffset, String reason) {
        super(String.format(
                "lane %s: record %d at byte %d of segment %s is corrupt (%s)%s",
                lane,
                offset,
                position,
                segment,
                reason,
                resumeOffset < 0
                        ? "; it is in the newest segment, nothing after it can be located until the lane rolls"
                        : "; the next readable record is " + resumeOffset));
        this.lane = lane;
        this.segment = segment.toString();
        this.position = position;
        this.offset = offset;
        this.resumeOffset = resumeOffset;
    }

    public String lane() {
        return lane;
    }

    /** The segment file holding the damaged record. */
    public Path segment() {
        return Path.of(segment);
    }

    /** Byte position of the damaged frame in its segment file. */
    public long position() {
        return position;
    }

    /** Offset of the first record that cannot be read. */
    public long offset() {
        return offset;
    }

    /** First offset that can be read past the damage (the next segment's base offset), or -1 when there is none yet. */
    public long resumeOffset() {
        return resumeOffset;
    }
}
