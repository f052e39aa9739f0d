package dev.breakwater.web.ui.auth;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.SessionRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in sessions kept in the store, so they survive a restart and work behind any node. The browser holds a random
 * token in an HttpOnly cookie; the store holds only its SHA-256, and the session's CSRF token. Thread-safe.
 */
public final class WebSessions {
    public static final String COOKIE = "bw_session";

    /** A session just started: the cookie value to hand to the browser, and what was stored. */
    public record Started(String cookieValue, SessionRecord session) {}

    private final Store store;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration lifetime;

    public WebSessions(Store store, Clock clock, SecureRandom random, Duration lifetime) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    public Started start(long userId) throws StoreException {
        String token = Tokens.random(random);
        Instant now = clock.instant();
        SessionRecord session = new SessionRecord(Tokens.hash(token), userId, Tokens.random(random), now, now.plus(lifetime));
        store.createSession(session);
        return new Started(token, session);
    }

    /** The live session behind a cookie value; empty when unknown or expired. */
    public Optional<SessionRecord> find(String cookieValue) throws StoreException {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return store.session(Tokens.hash(cookieValue)).filter(s -> clock.instant().isBefore(s.expiresAt()));
    }

    public void end(String cookieValue) throws StoreException {
        if (cookieValue != null && !cookieValue.isEmpty() && cookieValue.length() <= 100) {
            store.deleteSession(Tokens.hash(cookieValue));
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
