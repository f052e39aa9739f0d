package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

/**
 * What the spool knows about a record besides its body. Written in front of every body on disk
 * (see {@link RecordCodec} for the layout).
 *
 * @param lane         lane name
 * @param project      project id the record belongs to
 * @param node         ingest node that accepted it
 * @param seq          per-node sequence number, strictly increasing in append order on that node
 * @param receivedAt   epoch milliseconds at which the node accepted it; never decreases along a lane
 * @param source       the wire protocol it came in on, e.g. {@code sentry-envelope}, {@code sentry-store},
 *                     {@code rollbar-item}
 * @param contentType  the body's media type
 * @param encoding     the body's content encoding as it is stored ({@code identity}, {@code gzip}, ...)
 */
public record RecordHeader(
        String lane,
        String project,
        String node,
        long seq,
        long receivedAt,
        String source,
        String contentType,
        String encoding) {

    public RecordHeader {
        requireNonNull(lane, "lane is null");
        requireNonNull(project, "project is null");
        requireNonNull(node, "node is null");
        requireNonNull(source, "source is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(encoding, "encoding is null");
    }
}
