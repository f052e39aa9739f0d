package dev.breakwater.pipeline;

import dev.breakwater.spool.RecordHeader;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.ArtifactWrite;
import dev.breakwater.store.DeployWrite;
import dev.breakwater.store.EventWrite;
import dev.breakwater.store.LaneBatch;
import dev.breakwater.store.NodeMark;
import dev.breakwater.store.QuarantineWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a run of consecutive spool records turns into, and the progress marks that go with it, until it is
 * written as one {@link LaneBatch}. Not thread-safe: one per lane consumer and batch.
 */
final class BatchBuilder {
    private final String lane;
    private final List<EventWrite> events = new ArrayList<>();
    private final List<DeployWrite> deploys = new ArrayList<>();
    private final List<ArtifactWrite> artifacts = new ArrayList<>();
    private final List<QuarantineWrite> quarantined = new ArrayList<>();
    private final Map<String, NodeMark> nodes = new HashMap<>();
    private long nextOffset = -1;
    private int records;

    BatchBuilder(String lane) {
        this.lane = lane;
    }

    void event(EventWrite event) {
        events.add(event);
    }

    void deploy(DeployWrite deploy) {
        deploys.add(deploy);
    }

    void artifact(ArtifactWrite artifact) {
        artifacts.add(artifact);
    }

    /** The record could not be processed for {@code reason}: keep it whole in the lane's quarantine. */
    void quarantine(SpoolRecord record, String reason) {
        RecordHeader h = record.header();
        byte[] body = new byte[record.body().remaining()];
        record.body().duplicate().get(body);
        quarantined.add(new QuarantineWrite(
                lane, record.offset(), h.project(), h.node(), h.seq(), h.receivedAt(), h.source(), h.contentType(),
                h.encoding(), reason, body));
    }

    /** A damaged spool frame was skipped: there is no header or body to keep, only where and why. */
    void quarantineDamaged(long offset, String reason) {
        quarantined.add(new QuarantineWrite(
                lane, offset, "", "", -1, 0, "damaged", "", "", reason, new byte[0]));
    }

    /** The record at {@code offset} is done with (whatever it produced has been added). */
    void processed(SpoolRecord record) {
        RecordHeader h = record.header();
        nodes.merge(h.node(), new NodeMark(h.seq(), h.receivedAt()), (a, b) -> new NodeMark(
                Math.max(a.lastSeq(), b.lastSeq()), Math.max(a.lastReceivedAtMillis(), b.lastReceivedAtMillis())));
        advanceTo(record.offset() + 1);
    }

    void advanceTo(long offset) {
        nextOffset = Math.max(nextOffset, offset);
        records++;
    }

    /** Adds what {@code later}, built from the records right after this one's, produced. */
    void append(BatchBuilder later) {
        events.addAll(later.events);
        deploys.addAll(later.deploys);
        artifacts.addAll(later.artifacts);
        quarantined.addAll(later.quarantined);
        later.nodes.forEach((node, mark) -> nodes.merge(node, mark, (a, b) -> new NodeMark(
                Math.max(a.lastSeq(), b.lastSeq()), Math.max(a.lastReceivedAtMillis(), b.lastReceivedAtMillis()))));
        nextOffset = Math.max(nextOffset, later.nextOffset);
        records += later.records;
    }

    boolean isEmpty() {
        return records == 0;
    }

    int records() {
        return records;
    }

    long nextOffset() {
        return nextOffset;
    }

    Map<String, NodeMark> nodes() {
        return nodes;
    }

    int quarantinedCount() {
        return quarantined.size();
    }

    LaneBatch build() {
        return new LaneBatch(lane, nextOffset, nodes, events, deploys, artifacts, quarantined);
    }
}
