package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/**
 * A record as ingest hands it to {@link Lane#append}: the lane fills in node, seq and receive time.
 *
 * <p>The body is the bytes between the buffer's position and limit. The spool writes them from this buffer without
 * copying, so they must not change until the append's future has completed.
 */
public record RecordDraft(String project, String source, String contentType, String encoding, ByteBuffer body) {

    public RecordDraft {
        requireNonNull(project, "project is null");
        requireNonNull(source, "source is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(encoding, "encoding is null");
        requireNonNull(body, "body is null");
    }
}
