package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

/** The keys SDKs use for one project: Sentry public key, Rollbar access token, OTLP token. All unique. */
public record ProjectKeyRecord(String publicKey, String rollbarToken, String otlpToken) {
    public ProjectKeyRecord {
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(rollbarToken, "rollbarToken is null");
        requireNonNull(otlpToken, "otlpToken is null");
    }
}
