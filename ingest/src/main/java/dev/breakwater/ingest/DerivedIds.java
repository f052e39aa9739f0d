package dev.breakwater.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids for payloads that arrive without one (a {@code /store/} event without {@code event_id}, a Rollbar item without
 * {@code uuid}). Derived from the record's node and sequence number, so the reply to the client and the id the
 * pipeline assigns later are the same, and a redelivered record gets the same id again.
 */
public final class DerivedIds {
    private DerivedIds() {}

    /** A name-based UUID of {@code node/seq}. */
    public static UUID uuid(String node, long seq) {
        return UUID.nameUUIDFromBytes((node + "/" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The same, as a Sentry event id: 32 lowercase hex digits. */
    public static String eventId(String node, long seq) {
        return uuid(node, seq).toString().replace("-", "");
    }
}
