package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

/** What makes an event unique: its id within its project. */
record EventKey(long projectId, String eventId) {
    EventKey {
        requireNonNull(eventId, "eventId is null");
    }

    static EventKey of(EventWrite event) {
        return new EventKey(event.projectId(), event.eventId());
    }
}
