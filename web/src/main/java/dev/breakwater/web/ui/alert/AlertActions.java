package dev.breakwater.web.ui.alert;

import dev.breakwater.store.AlertRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * What a person may do to an open alert, carried out by the alerting engine (which lives in the {@code alert}
 * module; the server adapts it to this interface, so {@code web} does not depend on it). The UI and the read API
 * check first that the caller may see the alert; these methods only change it.
 */
public interface AlertActions {
    /**
     * Acknowledges an open alert: it stops notifying until {@code snooze} from now, and notifies again then if its
     * condition still holds. Acknowledging again replaces the snooze.
     *
     * @param by who acknowledged it, for the alert's history (a username, or which API token)
     * @return the alert as stored afterwards; empty when there is no such open alert (none, or already resolved)
     */
    Optional<AlertRecord> acknowledge(long alertId, Duration snooze, String by) throws Exception;

    /**
     * Resolves an open alert by hand, which notifies its channels. If its condition still holds, the engine fires a
     * new alert at its next evaluation.
     *
     * @return the alert as stored afterwards; empty when there is no such open alert (none, or already resolved)
     */
    Optional<AlertRecord> resolve(long alertId, String by) throws Exception;
}
