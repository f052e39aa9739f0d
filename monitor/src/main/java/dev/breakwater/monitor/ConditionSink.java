package dev.breakwater.monitor;

import dev.breakwater.alert.Condition;
import java.time.Instant;

/**
 * Where the monitor hands its internal conditions every sample, active or not, so an alert fires when one becomes
 * active and resolves when it clears. The server adapts the alert module's {@code AlertBook} to it. Called from the
 * monitor's one thread only.
 */
@FunctionalInterface
public interface ConditionSink {

    /** Takes note of the condition as it stands at {@code now}; a failure is logged and the next sample tries again. */
    void observe(Condition condition, Instant now) throws Exception;
}
