package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The Sentry key a request presents, found by {@link SentryAuth}. It is only a claim: the caller still
 * looks the key up and checks it belongs to the URL's project.
 *
 * @param publicKey the DSN's public key ({@code sentry_key})
 * @param client {@code sentry_client}, e.g. {@code sentry.java/8.1.0}; fall back to {@code User-Agent}
 * @param version {@code sentry_version}, the protocol version (7 today)
 * @param carrier where the key was found (the first, when several carriers agreed)
 */
public record SentryCredential(String publicKey, Optional<String> client, Optional<String> version, Carrier carrier) {
    /** The places a Sentry key can travel in (PROTOCOLS A.2). */
    public enum Carrier {
        X_SENTRY_AUTH("X-Sentry-Auth header"),
        AUTHORIZATION("Authorization header"),
        QUERY("query string"),
        ENVELOPE_DSN("envelope header dsn");

        private final String label;

        Carrier(String label) {
            this.label = label;
        }

        /** The carrier as named in messages, e.g. {@code query string}. */
        public String label() {
            return label;
        }
    }

    public SentryCredential {
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(client, "client is null");
        requireNonNull(version, "version is null");
        requireNonNull(carrier, "carrier is null");
    }
}
