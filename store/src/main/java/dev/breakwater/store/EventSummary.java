package dev.breakwater.store;

import java.time.Instant;
import java.util.Optional;

/** The indexed columns of a stored event. */
public record EventSummary(
        String eventId,
        long projectId,
        long issueId,
        Instant receivedAt,
        Instant timestamp,
        String level,
        String message,
        Optional<String> release,
        Optional<String> environment) {}
