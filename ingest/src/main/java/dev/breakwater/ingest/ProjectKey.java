package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The credentials one project hands to its SDKs.
 *
 * @param projectId   the project's id as it appears in DSNs (a string on the wire)
 * @param publicKey   Sentry DSN public key
 * @param rollbarToken Rollbar {@code post_server_item} access token
 * @param otlpToken    bearer token for OTLP exporters
 */
public record ProjectKey(String projectId, String publicKey, String rollbarToken, String otlpToken) {
    public ProjectKey {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(rollbarToken, "rollbarToken is null");
        requireNonNull(otlpToken, "otlpToken is null");
    }
}
