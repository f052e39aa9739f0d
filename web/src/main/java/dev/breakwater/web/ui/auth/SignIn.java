package dev.breakwater.web.ui.auth;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.UserRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a username and password, with lock-out: after {@code maxFailures} wrong passwords in a row the account
 * refuses every sign-in, right or wrong, for {@code lockout}; then it gets {@code maxFailures} more tries. An unknown
 * username costs the same hashing work as a known one, so timing does not tell which usernames exist. Thread-safe.
 */
public final class SignIn {
    /** The outcome of one attempt. */
    public sealed interface Outcome {
        record SignedIn(UserRecord user) implements Outcome {}

        record WrongCredentials() implements Outcome {}

        record Locked(Instant until) implements Outcome {}
    }

    private final Store store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final String unknownUserHash;

    public SignIn(Store store, PasswordHasher hasher, Clock clock, int maxFailures, Duration lockout) {
        this.store = requireNonNull(store, "store is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.lockout = requireNonNull(lockout, "lockout is null");
        this.unknownUserHash = hasher.hash(Tokens.random(new SecureRandom()));
    }

    public Outcome attempt(String username, String password) throws StoreException {
        Optional<UserRecord> found = store.userByName(username.strip());
        if (found.isEmpty()) {
            hasher.verify(password, unknownUserHash);
            return new Outcome.WrongCredentials();
        }
        UserRecord user = found.get();
        Instant now = clock.instant();
        if (user.lockedUntil().isPresent() && now.isBefore(user.lockedUntil().get())) {
            return new Outcome.Locked(user.lockedUntil().get());
        }
        if (hasher.verify(password, user.passwordHash())) {
            if (user.failedSignIns() != 0 || user.lockedUntil().isPresent()) {
                store.setSignInState(user.id(), 0, Optional.empty());
            }
            return new Outcome.SignedIn(user);
        }
        int failures = user.failedSignIns() + 1;
        if (failures >= maxFailures) {
            Instant until = now.plus(lockout);
            store.setSignInState(user.id(), 0, Optional.of(until));
            return new Outcome.Locked(until);
        }
        store.setSignInState(user.id(), failures, Optional.empty());
        return new Outcome.WrongCredentials();
    }
}
