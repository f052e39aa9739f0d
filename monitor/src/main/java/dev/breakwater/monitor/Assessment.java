package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

/**
 * What one sample says about one component: its status and why, in words fit for the public status page (no error
 * messages, paths or hosts: they say what is wrong, not how the machine is built).
 */
public record Assessment(Component component, ComponentStatus status, String reason) {
    public Assessment {
        requireNonNull(component, "component is null");
        requireNonNull(status, "status is null");
        requireNonNull(reason, "reason is null");
    }
}
