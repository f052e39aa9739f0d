package dev.breakwater.ingest.sentry;

import java.util.Optional;

/**
 * Sentry event ids: UUIDs written as 32 hex digits, or 36 characters with dashes in the envelope
 * header (PROTOCOLS A.4, A.6). Normalised to the 32 lowercase hex digits the store keys events by.
 */
public final class EventId {
    private static final int HEX_LENGTH = 32;
    private static final int DASHED_LENGTH = 36;

    private EventId() {}

    /** The id as 32 lowercase hex digits, or empty if {@code raw} is not a UUID in either form. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.length() == HEX_LENGTH) {
            char[] hex = new char[HEX_LENGTH];
            for (int i = 0; i < HEX_LENGTH; i++) {
                char c = lowerHex(raw.charAt(i));
                if (c == 0) {
                    return Optional.empty();
                }
                hex[i] = c;
            }
            return Optional.of(new String(hex));
        }
        if (raw.length() == DASHED_LENGTH) {
            char[] hex = new char[HEX_LENGTH];
            int n = 0;
            for (int i = 0; i < DASHED_LENGTH; i++) {
                char c = raw.charAt(i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        return Optional.empty();
                    }
                    continue;
                }
                char h = lowerHex(c);
                if (h == 0) {
                    return Optional.empty();
                }
                hex[n++] = h;
            }
            return Optional.of(new String(hex));
        }
        return Optional.empty();
    }

    /** {@code c} as a lowercase hex digit, or 0 if it is none. */
    private static char lowerHex(char c) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            return c;
        }
        if (c >= 'A' && c <= 'F') {
            return (char) (c + ('a' - 'A'));
        }
        return 0;
    }
}
