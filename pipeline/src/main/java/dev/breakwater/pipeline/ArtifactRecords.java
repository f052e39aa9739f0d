package dev.breakwater.pipeline;

import dev.breakwater.model.ArtifactUpload;
import dev.breakwater.model.DecodeException;
import dev.breakwater.spool.RecordHeader;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.ArtifactWrite;
import java.time.Instant;

/**
 * The artifacts lane: each Rollbar source map or ProGuard mapping upload (a multipart form, stored as it arrived)
 * becomes an artifact of its project's release, replacing an earlier upload of the same name. The artifact carries its
 * record's node and sequence number, so a redelivered record is recognised. A body that is not a well-formed form, or
 * lacks a required field, is quarantined with the reason {@link ArtifactUpload#decode} gives.
 *
 * <p>Artifacts are large (up to the ingest wire limit), so this lane reads small batches: see
 * {@link #batchConfig(PipelineConfig)}.
 */
final class ArtifactRecords implements RecordProcessor {
    /** At most this many artifacts per batch, */
    static final int BATCH_RECORDS = 16;
    /** and at most this many spool bytes, except that a larger upload makes a batch of its own. */
    static final long BATCH_BYTES = 1L << 20;

    /**
     * The lane's batching: a few small uploads together, a large one alone. With the worker's read-ahead that keeps
     * at most three batches' artifacts in memory, each also held once decoded.
     */
    static PipelineConfig batchConfig(PipelineConfig config) {
        return new PipelineConfig(
                Math.min(config.batchRecords(), BATCH_RECORDS),
                Math.min(config.batchBytes(), BATCH_BYTES),
                config.idlePoll(),
                config.initialBackoff(),
                config.maxBackoff(),
                config.linger());
    }

    @Override
    public void process(SpoolRecord record, BatchBuilder batch) throws DecodeException {
        RecordHeader header = record.header();
        long projectId = EventRecords.projectId(header.project());
        byte[] body = RecordBodies.decode(header.encoding(), record.body());
        ArtifactUpload upload = ArtifactUpload.decode(header.source(), header.contentType(), body);
        batch.artifact(new ArtifactWrite(
                projectId,
                upload.kind(),
                upload.version(),
                upload.name(),
                upload.content(),
                upload.sha256(),
                Instant.ofEpochMilli(header.receivedAt()),
                header.node(),
                header.seq()));
    }
}
