package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that happened before an event (a log line, an HTTP call, a navigation), from Sentry's
 * {@code breadcrumbs} or Rollbar's {@code body.telemetry}. Mirrors the wire: absent scalar fields are null.
 *
 * @param timestamp when it happened; null when not sent
 * @param type      Sentry's breadcrumb type, {@code default} when not sent
 * @param level     one of the level names ({@code info} when not sent)
 * @param data      the structured payload: a JSON object, or JSON null when none
 */
public record Breadcrumb(
        Instant timestamp, String type, String category, String message, String level, JsonNode data) {
    public Breadcrumb {
        requireNonNull(type, "type is null");
        requireNonNull(level, "level is null");
        requireNonNull(data, "data is null");
    }
}
