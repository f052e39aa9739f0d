package dev.breakwater.server;

import dev.breakwater.spool.SpoolRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Test-side decoding of what the spool stored, as the pipeline will decode it. */
final class RecordBodies {
    private RecordBodies() {}

    static String text(SpoolRecord record) {
        ByteBuffer body = record.body().duplicate();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        try (InputStream in = switch (record.header().encoding()) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
            case "identity" -> new ByteArrayInputStream(bytes);
            default -> throw new IllegalStateException("test cannot decode " + record.header().encoding());
        }) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
