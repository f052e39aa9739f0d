package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

/**
 * The client library that sent an event (Sentry {@code sdk}, Rollbar {@code notifier}).
 *
 * @param name    e.g. {@code sentry.java}; may be empty when the payload named only a version
 * @param version e.g. {@code 8.3.0}; empty when the payload had none
 */
public record Sdk(String name, String version) {
    public Sdk {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
    }
}
