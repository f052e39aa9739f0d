package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user an event happened to (Sentry {@code user}, Rollbar {@code person}). Placeholders that mean "the
 * sender's address" ({@code {{auto}}}, {@code $remote_ip}) are not addresses and are dropped at decoding.
 *
 * @param data any other attributes (name, segment, geo, Sentry's {@code data}), in payload order
 */
public record User(
        Optional<String> id,
        Optional<String> email,
        Optional<String> username,
        Optional<String> ipAddress,
        Map<String, JsonNode> data) {
    /** No user at all. */
    public static final User NONE =
            new User(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    public User {
        requireNonNull(id, "id is null");
        requireNonNull(email, "email is null");
        requireNonNull(username, "username is null");
        requireNonNull(ipAddress, "ipAddress is null");
        data = data.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** What counts distinct users of an issue: the id, else the email, else the username, else the IP address. */
    public Optional<String> key() {
        return id.or(() -> email).or(() -> username).or(() -> ipAddress);
    }

    /** Whether the payload told nothing about a user. */
    public boolean isEmpty() {
        return id.isEmpty() && email.isEmpty() && username.isEmpty() && ipAddress.isEmpty() && data.isEmpty();
    }
}
