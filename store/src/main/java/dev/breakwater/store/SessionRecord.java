package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A signed-in browser session. Only a hash of the session cookie's value is kept ({@code tokenHash}), so a copy of
 * the database does not let anyone sign in; {@code csrfToken} is the value every form of this session must send back.
 */
public record SessionRecord(String tokenHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {
    public SessionRecord {
        requireNonNull(tokenHash, "tokenHash is null");
        requireNonNull(csrfToken, "csrfToken is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
