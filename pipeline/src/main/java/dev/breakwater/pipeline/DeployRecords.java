package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import dev.breakwater.model.Deploy;
import dev.breakwater.spool.RecordHeader;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.DeployWrite;
import java.time.Instant;

/**
 * The deploys lane: each Rollbar deploy notification becomes a deploy and a release of its project. The deploy's key
 * is its record's node and sequence number, so a redelivered record is recognised.
 */
final class DeployRecords implements RecordProcessor {

    @Override
    public void process(SpoolRecord record, BatchBuilder batch) throws DecodeException {
        RecordHeader header = record.header();
        long projectId = EventRecords.projectId(header.project());
        Deploy deploy = Deploy.decode(RecordBodies.decode(header.encoding(), record.body()));
        batch.deploy(new DeployWrite(
                projectId,
                header.node() + "/" + header.seq(),
                deploy.environment(),
                deploy.revision(),
                deploy.user(),
                deploy.comment(),
                deploy.status(),
                Instant.ofEpochMilli(header.receivedAt())));
    }
}
