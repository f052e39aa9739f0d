package dev.breakwater.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The new events of one issue within one batch, reduced to what the issue upsert needs: count, first and last receive
 * time, the latest event (whose title, culprit, type and level the issue takes) and the first and last release seen.
 * Events are added in batch order; among events received in the same millisecond the later one counts as newer.
 * Not thread-safe; lives for one {@link BatchWriter#apply} call.
 */
final class IssueAggregate {
    final long projectId;
    final String fingerprint;
    final List<EventWrite> events = new ArrayList<>();

    private EventWrite latest;
    private long firstSeen = Long.MAX_VALUE;
    private String firstRelease;
    private long firstReleaseAt = Long.MAX_VALUE;
    private String lastRelease;
    private long lastReleaseAt = Long.MIN_VALUE;

    IssueAggregate(long projectId, String fingerprint) {
        this.projectId = projectId;
        this.fingerprint = fingerprint;
    }

    void add(EventWrite event) {
        events.add(event);
        long at = event.receivedAt().toEpochMilli();
        if (latest == null || at >= latest.receivedAt().toEpochMilli()) {
            latest = event;
        }
        firstSeen = Math.min(firstSeen, at);
        if (event.release().isPresent()) {
            if (at < firstReleaseAt) {
                firstReleaseAt = at;
                firstRelease = event.release().get();
            }
            if (at >= lastReleaseAt) {
                lastReleaseAt = at;
                lastRelease = event.release().get();
            }
        }
    }

    EventWrite latest() {
        return latest;
    }

    long count() {
        return events.size();
    }

    long firstSeen() {
        return firstSeen;
    }

    long lastSeen() {
        return latest.receivedAt().toEpochMilli();
    }

    String firstRelease() {
        return firstRelease;
    }

    String lastRelease() {
        return lastRelease;
    }

    /** Receive time of the first event after {@code resolvedAt}, or null when none came after it. */
    Long firstAfter(long resolvedAt) {
        long first = Long.MAX_VALUE;
        for (EventWrite event : events) {
            long at = event.receivedAt().toEpochMilli();
            if (at > resolvedAt) {
                first = Math.min(first, at);
            }
        }
        return first == Long.MAX_VALUE ? null : first;
    }
}
