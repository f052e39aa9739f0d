package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One decoded event for {@link Store#apply}: the columns the read API filters and sorts on, and the event document
 * itself, which the store keeps as opaque bytes (the pipeline chooses its format and compression and says which in
 * {@code documentEncoding}).
 *
 * @param fingerprint     hex hash the issue is grouped by, unique per project
 * @param groupingVersion version of the grouping algorithm that computed the hash
 * @param type            {@code error} or {@code message}
 * @param userKey         what identifies the user for the user count (id, else email, else username, else
 *                        IP), if any
 */
public record EventWrite(
        long projectId,
        String eventId,
        String fingerprint,
        int groupingVersion,
        String title,
        String culprit,
        String type,
        String level,
        Instant timestamp,
        Instant receivedAt,
        String message,
        Optional<String> release,
        Optional<String> environment,
        Optional<String> userKey,
        byte[] document,
        String documentEncoding) {

    public EventWrite {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(title, "title is null");
        requireNonNull(culprit, "culprit is null");
        requireNonNull(type, "type is null");
        requireNonNull(level, "level is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(message, "message is null");
        requireNonNull(release, "release is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(userKey, "userKey is null");
        requireNonNull(document, "document is null");
        requireNonNull(documentEncoding, "documentEncoding is null");
    }
}
