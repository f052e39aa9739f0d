package dev.breakwater.web.ui.auth;

import dev.breakwater.store.NewUser;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The first user: when the store has no user yet, creates {@code admin} with the configured password, or a generated
 * one that the caller prints once (it is not kept anywhere in clear).
 */
public final class FirstAdmin {
    public static final String USERNAME = "admin";

    private FirstAdmin() {}

    /** The generated password when one was generated now; empty when users exist or the password was configured. */
    public static Optional<String> ensure(Store store, PasswordHasher hasher, Clock clock, Optional<String> configured)
            throws StoreException {
        if (!store.users().isEmpty()) {
            return Optional.empty();
        }
        configured.ifPresent(PasswordHasher::checkLength);
        String password = configured.orElseGet(() -> Tokens.random(new SecureRandom()).substring(0, 20));
        store.createUser(new NewUser(USERNAME, hasher.hash(password), true, clock.instant()));
        return configured.isPresent() ? Optional.empty() : Optional.of(password);
    }
}
