package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * How stored event documents ({@link EventDocument#toJson}) are compressed, written by the pipeline and read by the
 * API. The encoding is stored beside each document:
 *
 * <ul>
 *   <li>{@code lz4} (what is written): the document's length as a 4-byte big-endian integer, then one LZ4 block
 *       (aircompressor, pure Java). zlib at its fastest level took about a third of the pipeline's CPU per event;
 *       LZ4 takes a small fraction of that for somewhat larger rows.
 *   <li>{@code gzip+<source>} (what is written for a gzip'd Sentry record that is one event, see
 *       {@link StoredDocument}): the spool record's body as it arrived, gzip; {@link #decode} gunzips it and
 *       {@link RecordDecoder#fromReceived} decodes the record again.
 *   <li>{@code deflate} (zlib-wrapped) and {@code identity}: read, for documents written that way.
 * </ul>
 *
 * Thread-safe: each thread gets its own compressor (its hash table is reused between calls).
 */
public final class DocumentCodec {
    public static final String ENCODING = "lz4";
    /**
     * LZ4 as above, of an event as {@link EventDocument#stored} keeps it (source and original JSON), which
     * {@link RecordDecoder#fromStored} turns back into the canonical event; {@link #ENCODING} holds a canonical
     * document itself.
     */
    public static final String STORED_EVENT = "lz4+stored-event";

    private static final String RECEIVED_PREFIX = "gzip+";

    /** Largest document accepted back: far above any event ingest admits. */
    private static final int MAX_DOCUMENT = 256 << 20;

    private static final ThreadLocal<Lz4Compressor> COMPRESSOR = ThreadLocal.withInitial(Lz4Compressor::new);

    private DocumentCodec() {}

    public static byte[] encode(byte[] document) {
        requireNonNull(document, "document is null");
        Lz4Compressor compressor = COMPRESSOR.get();
        byte[] out = new byte[Integer.BYTES + compressor.maxCompressedLength(document.length)];
        ByteBuffer.wrap(out).putInt(document.length);
        int written = compressor.compress(document, 0, document.length, out, Integer.BYTES, out.length - Integer.BYTES);
        return Arrays.copyOf(out, Integer.BYTES + written);
    }

    /** Whether documents in this encoding are stored events to rebuild rather than canonical documents. */
    public static boolean isStoredEvent(String encoding) {
        return STORED_EVENT.equals(encoding);
    }

    /** The encoding of a record of this source kept as it arrived, gzip'd. */
    static String receivedEncoding(String source) {
        return RECEIVED_PREFIX + source;
    }

    /**
     * The source of the record a document in this encoding was kept as, when it is one ({@code gzip+sentry-envelope}
     * gives {@code sentry-envelope}); empty for a document that is not a record kept as received.
     */
    public static Optional<String> receivedSource(String encoding) {
        requireNonNull(encoding, "encoding is null");
        return encoding.startsWith(RECEIVED_PREFIX)
                ? Optional.of(encoding.substring(RECEIVED_PREFIX.length()))
                : Optional.empty();
    }

    /** @throws IOException when the bytes are not a document in that encoding */
    public static byte[] decode(String encoding, byte[] stored) throws IOException {
        requireNonNull(encoding, "encoding is null");
        requireNonNull(stored, "stored is null");
        if (encoding.startsWith(RECEIVED_PREFIX)) {
            return decompress("gzip", stored);
        }
        return switch (encoding) {
            case "lz4", "lz4+stored-event" -> decodeLz4(stored);
            case "deflate" -> decompress("deflate", stored);
            case "identity" -> stored;
            default -> throw new IOException("unknown document encoding '" + encoding + "'");
        };
    }

    private static byte[] decodeLz4(byte[] stored) throws IOException {
        if (stored.length < Integer.BYTES) {
            throw new IOException("an lz4 document of " + stored.length + " bytes has no length prefix");
        }
        int length = ByteBuffer.wrap(stored).getInt();
        if (length < 0 || length > MAX_DOCUMENT) {
            throw new IOException("an lz4 document claims an impossible length of " + length + " bytes");
        }
        byte[] out = new byte[length];
        try {
            int n = new Lz4Decompressor()
                    .decompress(stored, Integer.BYTES, stored.length - Integer.BYTES, out, 0, length);
            if (n != length) {
                throw new IOException("an lz4 document decoded to " + n + " bytes, not the " + length + " it claims");
            }
        } catch (RuntimeException e) {
            // aircompressor reports corrupt input with unchecked exceptions
            throw new IOException("an lz4 document does not decode: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Gunzips a record kept as received (members after the first too, as the pipeline read it), or inflates a
     * {@code deflate} document: at most {@link #MAX_DOCUMENT} bytes.
     */
    private static byte[] decompress(String encoding, byte[] stored) throws IOException {
        try {
            return StoredBodies.decode(encoding, stored, MAX_DOCUMENT);
        } catch (DecodeException e) {
            throw new IOException("a " + encoding + " document: " + e.getMessage(), e);
        }
    }
}
