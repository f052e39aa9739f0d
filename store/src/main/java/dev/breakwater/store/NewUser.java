package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A user to create; the id is assigned by the store. Usernames are unique. */
public record NewUser(String username, String passwordHash, boolean admin, Instant createdAt) {
    public NewUser {
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
