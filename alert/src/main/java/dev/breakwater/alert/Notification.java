package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One notification as a channel sends it: the outbox payload completed at send time (alert id, link, send time) by
 * {@link NotificationPayload#forSending}. {@code json} is the complete document, what the generic webhook posts; the
 * other fields are the same values for channels that render their own text.
 *
 * @param kind why it is sent: {@code fired}, {@code escalated}, {@code renotified} or {@code resolved}
 */
public record Notification(
        long deliveryId,
        String kind,
        long alertId,
        String dedupKey,
        String title,
        String details,
        String state,
        int step,
        Instant openedAt,
        Optional<String> url,
        Optional<Long> projectId,
        Instant sentAt,
        String json) {

    public Notification {
        requireNonNull(kind, "kind is null");
        requireNonNull(dedupKey, "dedupKey is null");
        requireNonNull(title, "title is null");
        requireNonNull(details, "details is null");
        requireNonNull(state, "state is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(url, "url is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(sentAt, "sentAt is null");
        requireNonNull(json, "json is null");
    }

    /** A short upper-case label of why this is sent, for subjects and chat lines: FIRING, ESCALATED, ... */
    public String headline() {
        return switch (kind) {
            case NotificationPayload.FIRED -> "FIRING";
            case NotificationPayload.ESCALATED -> "ESCALATED";
            case NotificationPayload.RENOTIFIED -> "STILL FIRING";
            case NotificationPayload.RESOLVED -> "RESOLVED";
            default -> kind.toUpperCase(Locale.ROOT);
        };
    }
}
