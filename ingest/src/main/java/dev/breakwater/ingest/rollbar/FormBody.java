package dev.breakwater.ingest.rollbar;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} bodies, which Rollbar accepts besides JSON: {@code name=value}
 * pairs joined by {@code &}, percent-encoded, {@code +} for a space. Decoded at the byte level, so a
 * field's value reaches the JSON parser without a detour through a String.
 *
 * <p>A malformed escape is {@link DiscardReason#INVALID_JSON}, Rollbar's 400 for a body it cannot turn
 * into JSON. Stateless and thread-safe.
 */
final class FormBody {
    private static final String FORM = "application/x-www-form-urlencoded";

    /** Decoded bytes: the first {@code length} bytes of {@code bytes}. */
    record Bytes(byte[] bytes, int length) {}

    private FormBody() {}

    /**
     * Whether {@code contentType} says the body is form-encoded; anything else but multipart is taken
     * for JSON, since SDKs send {@code application/json}, {@code text/plain} or nothing.
     *
     * @throws IngestException {@link DiscardReason#UNSUPPORTED_MEDIA_TYPE} for multipart bodies
     */
    static boolean isFormEncoded(String contentType, String endpoint) throws IngestException {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        if (mediaType.startsWith("multipart/")) {
            throw new IngestException(
                    DiscardReason.UNSUPPORTED_MEDIA_TYPE,
                    endpoint + " takes JSON or " + FORM + ", not " + Json.printable(mediaType));
        }
        return mediaType.equals(FORM);
    }

    /**
     * The decoded value of the field {@code name}.
     *
     * @return null when the body has no such field
     * @throws IngestException {@link DiscardReason#INVALID_PAYLOAD} when the field appears twice
     */
    static Bytes field(byte[] body, int offset, int length, String name) throws IngestException {
        Bytes found = null;
        int end = offset + length;
        int start = offset;
        while (start <= end) {
            int amp = indexOf(body, (byte) '&', start, end);
            int eq = indexOf(body, (byte) '=', start, amp);
            if (amp > start && decodeString(body, start, eq).equals(name)) {
                if (found != null) {
                    throw new IngestException(DiscardReason.INVALID_PAYLOAD, "form field " + name + " appears twice");
                }
                found = eq < amp ? decode(body, eq + 1, amp) : new Bytes(new byte[0], 0);
            }
            start = amp + 1;
        }
        return found;
    }

    /**
     * All fields as UTF-8 text.
     *
     * @throws IngestException {@link DiscardReason#INVALID_PAYLOAD} when a field appears twice
     */
    static Map<String, String> fields(byte[] body, int offset, int length) throws IngestException {
        Map<String, String> fields = new HashMap<>();
        int end = offset + length;
        int start = offset;
        while (start <= end) {
            int amp = indexOf(body, (byte) '&', start, end);
            if (amp > start) {
                int eq = indexOf(body, (byte) '=', start, amp);
                String name = decodeString(body, start, eq);
                String value = eq < amp ? decodeString(body, eq + 1, amp) : "";
                if (fields.put(name, value) != null) {
                    throw new IngestException(
                            DiscardReason.INVALID_PAYLOAD, "form field " + Json.printable(name) + " appears twice");
                }
            }
            start = amp + 1;
        }
        return fields;
    }

    private static String decodeString(byte[] body, int from, int to) throws IngestException {
        Bytes bytes = decode(body, from, to);
        return new String(bytes.bytes(), 0, bytes.length(), UTF_8);
    }

    private static Bytes decode(byte[] body, int from, int to) throws IngestException {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    String escape = new String(body, i, Math.min(3, to - i), UTF_8);
                    throw new IngestException(
                            DiscardReason.INVALID_JSON,
                            "form body has a malformed percent escape '" + Json.printable(escape) + "'");
                }
                out[n++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return new Bytes(out, n);
    }

    private static int indexOf(byte[] body, byte b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return end;
    }
}
