package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A project to create, with its first key. The id is assigned by the store. */
public record NewProject(String slug, String name, Instant createdAt, ProjectKeyRecord key) {
    public NewProject {
        requireNonNull(slug, "slug is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(key, "key is null");
    }
}
