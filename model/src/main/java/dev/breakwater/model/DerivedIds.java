package dev.breakwater.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids for payloads that arrive without one (a {@code /store/} event without {@code event_id}, a Rollbar item
 * without {@code uuid}). Derived from the record's node and sequence number, exactly as ingest derives the id it
 * replies with, so the client's id and the stored one agree and a redelivered record gets the same id again.
 */
public final class DerivedIds {
    private DerivedIds() {}

    /** A name-based UUID of {@code node/seq}. */
    public static UUID uuid(String node, long seq) {
        return UUID.nameUUIDFromBytes((node + "/" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #uuid(String, long)} as a Sentry event id: 32 lowercase hex digits. */
    public static String eventId(String node, long seq) {
        return hex(uuid(node, seq));
    }

    /**
     * The id of the {@code index}-th event (from 0) of one record. The first event gets {@link #eventId(String, long)},
     * the one ingest replied with; later ones hash {@code node/seq/index}, so they stay distinct and deterministic.
     */
    public static String eventId(String node, long seq, int index) {
        if (index == 0) {
            return eventId(node, seq);
        }
        return hex(UUID.nameUUIDFromBytes((node + "/" + seq + "/" + index).getBytes(StandardCharsets.UTF_8)));
    }

    /** A UUID as 32 lowercase hex digits without dashes. */
    static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }
}
