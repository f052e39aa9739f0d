package dev.breakwater.store;

import java.time.Instant;
import java.util.List;

/** A stored project and its keys. */
public record ProjectRecord(long id, String slug, String name, Instant createdAt, List<ProjectKeyRecord> keys) {
    public ProjectRecord {
        keys = List.copyOf(keys);
    }
}
