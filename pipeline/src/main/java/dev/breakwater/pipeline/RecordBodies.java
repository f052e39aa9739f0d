package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import dev.breakwater.model.StoredBodies;
import java.nio.ByteBuffer;

/**
 * A spool record's body, back as the bytes the client meant, by the content encoding it was stored with
 * ({@link StoredBodies}). Ingest has already decoded every stored body once within its size limits; a body that
 * fails anyway is a deterministic failure. Stateless.
 */
final class RecordBodies {
    /** Ingest refuses larger decoded bodies long before; a stored record above it is damaged, not legitimate. */
    private static final int MAX_DECODED = 256 << 20;

    private RecordBodies() {}

    static byte[] decode(String encoding, ByteBuffer stored) throws DecodeException {
        return decode(encoding, copy(stored));
    }

    /** @param stored the body as stored; not modified, and returned as it is only for {@code identity} */
    static byte[] decode(String encoding, byte[] stored) throws DecodeException {
        return StoredBodies.decode(encoding, stored, MAX_DECODED);
    }

    /** The record body's bytes, as stored (still encoded), in an array of their own. */
    static byte[] copy(ByteBuffer stored) {
        byte[] bytes = new byte[stored.remaining()];
        stored.duplicate().get(bytes);
        return bytes;
    }
}
