package dev.breakwater.pipeline;

import dev.breakwater.model.CanonicalEvent;
import dev.breakwater.model.DecodeContext;
import dev.breakwater.model.DecodeException;
import dev.breakwater.model.Fingerprinter;
import dev.breakwater.model.Grouping;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.model.StoredDocument;
import dev.breakwater.spool.RecordHeader;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.EventWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events lane: Sentry envelopes and store bodies and Rollbar items become canonical events, grouped. The store
 * keeps each event's {@link StoredDocument}: a gzip'd Sentry record that is one event as it arrived, anything else as
 * its source and original JSON; the API rebuilds the canonical event from it when asked.
 */
final class EventRecords implements RecordProcessor {

    @Override
    public void process(SpoolRecord record, BatchBuilder batch) throws DecodeException {
        RecordHeader header = record.header();
        long projectId = projectId(header.project());
        byte[] received = RecordBodies.copy(record.body());
        byte[] body = RecordBodies.decode(header.encoding(), received);
        DecodeContext context =
                new DecodeContext(header.node(), header.seq(), Instant.ofEpochMilli(header.receivedAt()));
        List<CanonicalEvent> events = RecordDecoder.decode(header.source(), body, context);
        List<StoredDocument> documents =
                StoredDocument.of(header.source(), header.encoding(), received, body.length, events);
        List<EventWrite> writes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            CanonicalEvent event = events.get(i);
            Grouping grouping = Fingerprinter.group(event);
            StoredDocument document = documents.get(i);
            writes.add(new EventWrite(
                    projectId,
                    event.eventId(),
                    grouping.fingerprint(),
                    grouping.version(),
                    grouping.title(),
                    grouping.culprit(),
                    grouping.type(),
                    event.level(),
                    event.timestamp(),
                    event.receivedAt(),
                    event.message(),
                    event.release(),
                    event.environment(),
                    event.user().key(),
                    document.bytes(),
                    document.encoding()));
        }
        writes.forEach(batch::event);
    }

    static long projectId(String project) throws DecodeException {
        try {
            return Long.parseLong(project);
        } catch (NumberFormatException e) {
            throw new DecodeException("record has project '" + project + "', not a project id");
        }
    }
}
