package dev.breakwater.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids in their canonical form: 32 lowercase hex digits. Payloads may send a UUID with dashes or in upper
 * case; both normalise to the same id.
 */
final class EventId {
    private EventId() {}

    static boolean isCanonical(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The canonical form of {@code raw} (dashes removed, lowercased), or null when it is not 32 hex digits. */
    static String normalize(String raw) {
        if (raw.length() > 64) {
            return null;
        }
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '-') {
                continue;
            }
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                out.append(c);
            } else if (c >= 'A' && c <= 'F') {
                out.append((char) (c + ('a' - 'A')));
            } else {
                return null;
            }
        }
        return out.length() == 32 ? out.toString() : null;
    }

    /**
     * A Rollbar {@code uuid} as an event id: a UUID string is used as is; anything else is hashed under a
     * {@code rollbar:} namespace so that it still deduplicates the same way.
     */
    static String fromRollbarUuid(String uuid) {
        String normalized = uuid.length() == 36 && uuid.charAt(8) == '-' ? normalize(uuid) : null;
        if (normalized != null) {
            return normalized;
        }
        return DerivedIds.hex(UUID.nameUUIDFromBytes(("rollbar:" + uuid).getBytes(StandardCharsets.UTF_8)));
    }
}
