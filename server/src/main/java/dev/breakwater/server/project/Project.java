package dev.breakwater.server.project;

import dev.breakwater.ingest.ProjectKey;
import java.time.Instant;
import java.util.List;

/** A project and the keys its SDKs use. Immutable. */
public record Project(long id, String slug, String name, Instant createdAt, List<ProjectKey> keys) {
    public Project {
        keys = List.copyOf(keys);
    }
}
