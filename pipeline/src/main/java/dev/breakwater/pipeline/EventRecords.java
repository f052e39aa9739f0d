package dev.breakwater.pipeline;

import dev.breakwater.model.CanonicalEvent;
import dev.breakwater.model.DecodeContext;
import dev.breakwater.model.DecodeException;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.model.EventDocument;
import dev.breakwater.model.Fingerprinter;
import dev.breakwater.model.Grouping;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.spool.RecordHeader;
import dev.breakwater.spool.SpoolRecord;
import dev.breakwater.store.EventWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events lane: Sentry envelopes and store bodies and Rollbar items become canonical events, grouped. The store
 * keeps each event's source and original JSON ({@link EventDocument#stored}, compressed by {@link DocumentCodec}); the
 * API rebuilds the canonical event from it when asked.
 */
final class EventRecords implements RecordProcessor {

    @Override
    public void process(SpoolRecord record, BatchBuilder batch) throws DecodeException {
        RecordHeader header = record.header();
        long projectId = projectId(header.project());
        byte[] body = RecordBodies.decode(header.encoding(), record.body());
        DecodeContext context =
                new DecodeContext(header.node(), header.seq(), Instant.ofEpochMilli(header.receivedAt()));
        List<CanonicalEvent> events = RecordDecoder.decode(header.source(), body, context);
        List<EventWrite> writes = new ArrayList<>(events.size());
        for (CanonicalEvent event : events) {
            Grouping grouping = Fingerprinter.group(event);
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
                    DocumentCodec.encode(EventDocument.stored(event)),
                    DocumentCodec.STORED_EVENT));
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
