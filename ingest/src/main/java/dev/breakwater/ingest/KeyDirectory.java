package dev.breakwater.ingest;

import java.util.Optional;

/**
 * Looks up project keys for every ingest request. Implementations answer from memory: ingest must not touch the
 * disk or the store to authenticate. Thread-safe.
 */
public interface KeyDirectory {

    Optional<ProjectKey> bySentryKey(String publicKey);

    Optional<ProjectKey> byRollbarToken(String token);

    boolean projectExists(String projectId);
}
