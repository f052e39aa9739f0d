package dev.breakwater.server;

import dev.breakwater.model.DecodeException;
import dev.breakwater.model.StoredBodies;
import dev.breakwater.spool.SpoolRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test-side decoding of what the spool stored, with the decoder the pipeline uses. */
final class RecordBodies {
    private RecordBodies() {}

    static String text(SpoolRecord record) {
        ByteBuffer body = record.body().duplicate();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        try {
            return new String(
                    StoredBodies.decode(record.header().encoding(), bytes, Integer.MAX_VALUE), StandardCharsets.UTF_8);
        } catch (DecodeException e) {
            throw new IllegalStateException("test cannot decode a " + record.header().encoding() + " record", e);
        }
    }
}
