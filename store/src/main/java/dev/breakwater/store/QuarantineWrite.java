package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

/**
 * A spool record the pipeline could not process deterministically, kept whole (header fields and body as stored in
 * the spool) with the reason, so it can be inspected and replayed.
 */
public record QuarantineWrite(
        String lane,
        long offset,
        String project,
        String node,
        long seq,
        long receivedAtMillis,
        String source,
        String contentType,
        String encoding,
        String reason,
        byte[] body) {

    public QuarantineWrite {
        requireNonNull(lane, "lane is null");
        requireNonNull(project, "project is null");
        requireNonNull(node, "node is null");
        requireNonNull(source, "source is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(encoding, "encoding is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(body, "body is null");
    }
}
