package dev.breakwater.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Test payloads from {@code src/test/resources/payloads} and envelopes assembled from them. */
final class Payloads {
    static final Instant RECEIVED = Instant.parse("2025-03-14T09:27:00Z");
    static final DecodeContext CTX = new DecodeContext("n1", 42, RECEIVED);

    private Payloads() {}

    static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).strip();
    }

    static List<CanonicalEvent> decode(String source, String body) throws DecodeException {
        return RecordDecoder.decode(source, body.getBytes(StandardCharsets.UTF_8), CTX);
    }

    static CanonicalEvent store(String json) throws DecodeException {
        return decode("sentry-store", json).getFirst();
    }

    static CanonicalEvent storeFile(String name) throws DecodeException {
        return RecordDecoder.decode("sentry-store", bytes(name), CTX).getFirst();
    }

    static CanonicalEvent rollbarFile(String name) throws DecodeException {
        return RecordDecoder.decode("rollbar-item", bytes(name), CTX).getFirst();
    }

    /** Assembles an envelope: header line, then for each item its header (with length when asked) and payload. */
    static final class EnvelopeBuilder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        EnvelopeBuilder(String header) {
            write(header);
        }

        EnvelopeBuilder item(String type, byte[] payload, boolean withLength) {
            write("\n{\"type\":\"" + type + "\"" + (withLength ? ",\"length\":" + payload.length : "") + "}\n");
            out.writeBytes(payload);
            return this;
        }

        EnvelopeBuilder item(String type, String payload, boolean withLength) {
            return item(type, payload.getBytes(StandardCharsets.UTF_8), withLength);
        }

        EnvelopeBuilder raw(String text) {
            write(text);
            return this;
        }

        byte[] build() {
            return out.toByteArray();
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
