package dev.breakwater.store;

import java.time.Instant;
import java.util.Optional;

/** A stored deploy. */
public record DeployRecord(
        long id,
        long projectId,
        String environment,
        String revision,
        Optional<String> user,
        Optional<String> comment,
        Optional<String> status,
        Instant deployedAt) {}
