package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position in a list ordered by {@code (value DESC, key DESC)}: the last item of a page. Encoded as base64url of
 * {@code kind:value:key}; {@code kind} names the ordering, so a cursor of one list is refused by another.
 */
record KeysetCursor(String kind, long value, String key) {
    KeysetCursor {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
    }

    String encode() {
        String plain = kind + ":" + value + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not a cursor of the {@code kind} list */
    static KeysetCursor decode(String kind, String cursor) {
        requireNonNull(kind, "kind is null");
        requireNonNull(cursor, "cursor is null");
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(cursor);
        }
        int first = plain.indexOf(':');
        int second = first < 0 ? -1 : plain.indexOf(':', first + 1);
        if (second < 0) {
            throw malformed(cursor);
        }
        if (!plain.substring(0, first).equals(kind)) {
            throw new IllegalArgumentException(
                    "cursor '" + cursor + "' belongs to another list or sort order; start again without a cursor");
        }
        try {
            return new KeysetCursor(kind, Long.parseLong(plain.substring(first + 1, second)), plain.substring(second + 1));
        } catch (NumberFormatException e) {
            throw malformed(cursor);
        }
    }

    long keyAsLong() {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw malformed(encode());
        }
    }

    private static IllegalArgumentException malformed(String cursor) {
        return new IllegalArgumentException(
                "malformed cursor '" + cursor + "': pass the nextCursor of the previous page unchanged");
    }
}
