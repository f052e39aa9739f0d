package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

/**
 * How an event is grouped into an issue and how that issue is labelled.
 *
 * @param fingerprint the group's hash, 32 lowercase hex digits (MD5, as Sentry's hashes are)
 * @param version     the grouping algorithm that produced it ({@link Fingerprinter#GROUPING_VERSION}); hashes of
 *                    different versions must not be compared
 * @param title       e.g. {@code ValueError: bad input}, at most {@value Title#MAX_LENGTH} characters
 * @param culprit     e.g. {@code app.views in checkout}, possibly empty
 * @param type        {@code error} when the event carries an exception, else {@code message}
 */
public record Grouping(String fingerprint, int version, String title, String culprit, String type) {
    public Grouping {
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(title, "title is null");
        requireNonNull(culprit, "culprit is null");
        requireNonNull(type, "type is null");
    }
}
