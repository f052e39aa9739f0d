package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

/**
 * A part of the service the public status page lists by name: {@code Ingest API}, {@code Processing: <lane>} for
 * each lane, {@code Notifications} and {@code Web}. The name is the key its state and incidents are stored under.
 */
public record Component(String name) {
    public static final Component INGEST = new Component("Ingest API");
    public static final Component NOTIFICATIONS = new Component("Notifications");
    public static final Component WEB = new Component("Web");

    public Component {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a component needs a name");
        }
    }

    public static Component processing(String lane) {
        return new Component("Processing: " + lane);
    }

    @Override
    public String toString() {
        return name;
    }
}
