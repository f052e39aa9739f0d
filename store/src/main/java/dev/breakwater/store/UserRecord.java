package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A person who signs in to the web UI. {@code passwordHash} is the encoded slow hash (never the password);
 * {@code failedSignIns} counts consecutive failures since the last success, and {@code lockedUntil} is set while
 * sign-in is locked after too many of them. An admin sees every project and manages users.
 */
public record UserRecord(
        long id,
        String username,
        String passwordHash,
        boolean admin,
        Instant createdAt,
        int failedSignIns,
        Optional<Instant> lockedUntil) {
    public UserRecord {
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lockedUntil, "lockedUntil is null");
    }
}
