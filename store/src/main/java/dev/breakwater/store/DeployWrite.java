package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A deploy notification for {@link Store#apply}; also records {@code revision} as a release of the project. */
public record DeployWrite(
        long projectId,
        String deployKey,
        String environment,
        String revision,
        Optional<String> user,
        Optional<String> comment,
        Optional<String> status,
        Instant deployedAt) {

    public DeployWrite {
        requireNonNull(deployKey, "deployKey is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(revision, "revision is null");
        requireNonNull(user, "user is null");
        requireNonNull(comment, "comment is null");
        requireNonNull(status, "status is null");
        requireNonNull(deployedAt, "deployedAt is null");
    }
}
