package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps of one event, and the {@link DocumentCodec} encoding that says how to read it back.
 *
 * <p>A gzip'd Sentry record that is one event and little else (an envelope with one event item and no attachments, or
 * a {@code /store/} body) is kept <b>as it arrived</b>: the spool record's compressed bytes, under the encoding
 * {@code gzip+<source>}. Gzip is what the SDKs that compress send, it is smaller than LZ4 of the same JSON, and keeping
 * it costs the pipeline nothing, where compressing a document took about an eighth of the decoding CPU per event.
 * Everything else (several events in one envelope, attachments beside the event, Rollbar items, whose access token
 * must not be kept, other content encodings) is kept as {@link EventDocument#stored} compressed with LZ4
 * ({@link DocumentCodec#STORED_EVENT}).
 *
 * <p>Reading either back goes through the same decoders the pipeline used ({@link RecordDecoder#fromReceived},
 * {@link RecordDecoder#fromStored}), so the API shows the event the pipeline grouped.
 *
 * @param bytes    the document, as written to {@code events.document}
 * @param encoding how to read it ({@code events.document_encoding})
 */
public record StoredDocument(byte[] bytes, String encoding) {
    /**
     * Bytes a record may hold beyond its event's JSON and still be kept as received: the envelope header (event id,
     * DSN, SDK, trace context) and the item header, never an attachment of any size.
     */
    static final int MAX_FRAMING_BYTES = 2048;

    public StoredDocument {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(encoding, "encoding is null");
    }

    /**
     * The documents for the events one spool record decoded to, in their order.
     *
     * @param source         the record's source ({@code sentry-envelope}, {@code sentry-store}, {@code rollbar-item})
     * @param recordEncoding the record's content encoding as stored in the spool
     * @param received       the record's body as stored in the spool (still encoded)
     * @param decodedLength  the length of the body after decoding, which {@code events} were decoded from
     * @param events         what {@link RecordDecoder#decode} made of the body
     */
    public static List<StoredDocument> of(String source, String recordEncoding, byte[] received, int decodedLength,
            List<CanonicalEvent> events) {
        requireNonNull(source, "source is null");
        requireNonNull(recordEncoding, "recordEncoding is null");
        requireNonNull(received, "received is null");
        requireNonNull(events, "events is null");
        if (keptAsReceived(source, recordEncoding, decodedLength, events)) {
            return List.of(new StoredDocument(received, DocumentCodec.receivedEncoding(source)));
        }
        List<StoredDocument> documents = new ArrayList<>(events.size());
        for (CanonicalEvent event : events) {
            documents.add(new StoredDocument(DocumentCodec.encode(EventDocument.stored(event)), DocumentCodec.STORED_EVENT));
        }
        return documents;
    }

    private static boolean keptAsReceived(String source, String recordEncoding, int decodedLength,
            List<CanonicalEvent> events) {
        if (events.size() != 1 || !StoredBodies.isGzip(recordEncoding)) {
            return false;
        }
        if (!SentryEnvelope.SOURCE.equals(source) && !SentryEvent.STORE_SOURCE.equals(source)) {
            return false;
        }
        int eventBytes = Json.verbatimLength(events.getFirst().raw());
        return eventBytes >= 0 && decodedLength - eventBytes <= MAX_FRAMING_BYTES;
    }
}
