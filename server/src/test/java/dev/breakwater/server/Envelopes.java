package dev.breakwater.server;

import dev.breakwater.testing.Gzip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Hand-built Sentry envelopes and bodies for tests. */
final class Envelopes {
    private Envelopes() {}

    static String eventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String eventJson(String eventId, String message) {
        return "{\"event_id\":\"" + eventId + "\",\"platform\":\"java\",\"level\":\"error\",\"message\":\"" + message
                + "\",\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"" + message
                + "\",\"stacktrace\":{\"frames\":[{\"module\":\"shop.Cart\",\"function\":\"checkout\",\"lineno\":42,\"in_app\":true}]}}]}}";
    }

    /** An envelope with one event item carrying an explicit length. */
    static byte[] event(String message) {
        String id = eventId();
        String event = eventJson(id, message);
        return ("{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\",\"length\":"
                        + event.getBytes(StandardCharsets.UTF_8).length + "}\n" + event + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) {
        return Gzip.compress(bytes);
    }

    /** gzip of {@code size} zero bytes, made without holding them in memory. */
    static byte[] gzipBomb(long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sentryAuth(String publicKey) {
        return "Sentry sentry_version=7, sentry_client=breakwater-test/1.0, sentry_key=" + publicKey;
    }
}
