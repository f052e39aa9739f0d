package dev.breakwater.bench;

import dev.breakwater.model.CanonicalEvent;
import dev.breakwater.model.DecodeContext;
import dev.breakwater.model.DecodeException;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.model.StoredDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The rows the raw store ceilings insert: one per corpus envelope, produced by the model exactly as the pipeline's
 * events lane produces them (gunzip, {@link RecordDecoder}, {@link StoredDocument}: the corpus envelopes are gzip'd
 * single events, so their documents are the envelopes as sent), computed once before any timing so that the timed loops only bind values. The ceilings vary the
 * event id per row; everything else cycles through this pool. Immutable after construction.
 */
final class EventRows {

    private static final String SOURCE = "sentry-envelope";
    /** The store keeps at most this many characters of a message in the index row (BatchWriter.MAX_TEXT_CHARS). */
    static final int MAX_MESSAGE_CHARS = 1024;

    /** One events row without its event id; {@code issueId} is a constant in the ceilings. */
    record Row(long timestamp, String level, String message, String release, String environment, byte[] document,
            String documentEncoding) {}

    private final List<Row> rows;

    private EventRows(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static EventRows of(List<EnvelopeTemplate> templates) {
        List<Row> rows = new ArrayList<>(templates.size());
        Instant now = Instant.now();
        long seq = 0;
        for (EnvelopeTemplate template : templates) {
            List<CanonicalEvent> events;
            byte[] body = gunzip(template.gzip());
            try {
                events = RecordDecoder.decode(SOURCE, body, new DecodeContext("bench", seq++, now));
            } catch (DecodeException e) {
                throw new IllegalStateException("a corpus envelope does not decode: " + e.getMessage(), e);
            }
            List<StoredDocument> documents = StoredDocument.of(SOURCE, "gzip", template.gzip(), body.length, events);
            for (int i = 0; i < events.size(); i++) {
                CanonicalEvent event = events.get(i);
                String message = event.message();
                rows.add(new Row(event.timestamp().toEpochMilli(), event.level(),
                        message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message,
                        event.release().orElse(null), event.environment().orElse(null),
                        documents.get(i).bytes(), documents.get(i).encoding()));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the corpus produced no events");
        }
        return new EventRows(rows);
    }

    int size() {
        return rows.size();
    }

    Row get(long index) {
        return rows.get((int) (index % rows.size()));
    }

    long meanDocumentBytes() {
        return rows.stream().mapToLong(row -> row.document().length).sum() / rows.size();
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a corpus body does not gunzip", e);
        }
    }

}
