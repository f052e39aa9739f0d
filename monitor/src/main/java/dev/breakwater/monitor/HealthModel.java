package dev.breakwater.monitor;

import static dev.breakwater.monitor.Phrases.duration;
import static dev.breakwater.monitor.Phrases.percent;

import dev.breakwater.pipeline.LaneState;
import dev.breakwater.pipeline.LaneStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives each status-page component's status from one {@link HealthSample}; {@link Hysteresis} then decides what is
 * published. The rules, worst first within each component:
 *
 * <pre>
 * Ingest API         major outage  spool disk past the last disk step (the spool refuses appends)
 *                    degraded      refused fraction past monitor.ingest-refusal-ratio (with enough requests)
 * Processing: lane   major outage  retrying for monitor.retrying-outage-after or longer
 *                    partial outage retrying (the lane's consumer cannot write to the store)
 *                    degraded      paused by an operator; oldest waiting record older than monitor.backlog-oldest-age;
 *                                  lane delay beyond monitor.processing-delay
 * Notifications      partial outage every channel failing (an open channel:<id>:failing alert of the alert module)
 *                    degraded      a delivery given up within monitor.notification-failure-window, or a channel
 *                                  failing, or a delivery pending longer than monitor.notification-overdue
 *                                  after it was created (a hung channel, before anything is given up)
 * Web                major outage  the store does not answer (every page reads it), or its pool is so saturated
 *                                  that the monitor's own ping got no connection
 *                    degraded      store ping p99 beyond monitor.store-ping-p99, or monitor.store-pool-waiting or
 *                                  more threads waiting for a store connection
 * anything else      operational
 * </pre>
 *
 * A figure the sample could not read leaves its component out of the result (no evidence, no change): Notifications
 * while the store is unreachable. Reasons are public (see {@link Assessment}): they never quote errors.
 * Stateless.
 */
public final class HealthModel {
    private HealthModel() {}

    public static List<Assessment> assess(HealthSample sample, Thresholds thresholds) {
        List<Assessment> assessments = new ArrayList<>();
        assessments.add(ingest(sample, thresholds));
        for (LaneHealth lane : sample.lanes()) {
            assessments.add(processing(sample, lane, thresholds));
        }
        sample.notifications().ifPresent(n -> assessments.add(notifications(n, thresholds)));
        assessments.add(web(sample, thresholds));
        return assessments;
    }

    /** The worst of the statuses, operational for none. */
    public static ComponentStatus overall(List<ComponentStatus> statuses) {
        return statuses.stream().reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst);
    }

    private static Assessment ingest(HealthSample sample, Thresholds thresholds) {
        if (sample.spoolDisk().isPresent() && sample.spoolDisk().get().usedRatio() >= thresholds.diskFull()) {
            return new Assessment(Component.INGEST, ComponentStatus.MAJOR_OUTAGE,
                    "Ingest storage is nearly full: when it runs out, new data is refused until space is freed.");
        }
        IngestTraffic ingest = sample.ingest();
        if (ingest.requests() >= thresholds.ingestRefusalMinRequests()
                && ingest.refusalRatio() >= thresholds.ingestRefusalRatio()) {
            return new Assessment(Component.INGEST, ComponentStatus.DEGRADED,
                    percent(ingest.refusalRatio()) + " of ingest requests were refused in the last minute.");
        }
        return operational(Component.INGEST);
    }

    private static Assessment processing(HealthSample sample, LaneHealth lane, Thresholds thresholds) {
        Component component = Component.processing(lane.name());
        LaneStatus status = lane.status();
        if (lane.retryingSince().isPresent()) {
            Duration retrying = lane.retryingFor(sample.at());
            ComponentStatus level = retrying.compareTo(thresholds.retryingOutageAfter()) >= 0
                    ? ComponentStatus.MAJOR_OUTAGE
                    : ComponentStatus.PARTIAL_OUTAGE;
            return new Assessment(component, level, "Processing of " + lane.name() + " has been stalled for "
                    + duration(retrying) + "; received data is kept and will be processed when it resumes.");
        }
        if (status.state() == LaneState.PAUSED) {
            return new Assessment(component, ComponentStatus.DEGRADED,
                    "Processing of " + lane.name() + " is paused by an operator; received data is kept.");
        }
        double ageLimit = thresholds.backlogOldestAge().toMillis() / 1000.0;
        double delayLimit = thresholds.processingDelay().toMillis() / 1000.0;
        if (status.oldestAgeSeconds() >= ageLimit || status.delaySeconds() >= delayLimit) {
            double behind = Math.max(status.oldestAgeSeconds(), status.delaySeconds());
            return new Assessment(component, ComponentStatus.DEGRADED,
                    "Processing of " + lane.name() + " is running about " + duration(behind) + " behind.");
        }
        return operational(component);
    }

    private static Assessment notifications(NotificationHealth notifications, Thresholds thresholds) {
        if (notifications.allChannelsFailing()) {
            return new Assessment(Component.NOTIFICATIONS, ComponentStatus.PARTIAL_OUTAGE,
                    "Notifications cannot be delivered on any channel.");
        }
        if (notifications.givenUp() > 0 || notifications.failingChannels() > 0) {
            return new Assessment(Component.NOTIFICATIONS, ComponentStatus.DEGRADED,
                    "Some notifications could not be delivered in the last "
                            + duration(thresholds.notificationWindow()) + ".");
        }
        if (notifications.oldestPendingSeconds() >= thresholds.notificationOverdue().toMillis() / 1000.0) {
            return new Assessment(Component.NOTIFICATIONS, ComponentStatus.DEGRADED,
                    "Notifications are delayed: some have waited " + duration(notifications.oldestPendingSeconds())
                            + " to be sent.");
        }
        return operational(Component.NOTIFICATIONS);
    }

    private static Assessment web(HealthSample sample, Thresholds thresholds) {
        StoreLatency store = sample.store();
        boolean poolSaturated = sample.storePool().filter(thresholds::storePoolSaturated).isPresent();
        if (!store.reachable()) {
            // the ping waits in the pool like every query: with threads already waiting there, it failed for want of
            // a connection, and the database itself may be answering the queries that hold them
            return new Assessment(Component.WEB, ComponentStatus.MAJOR_OUTAGE, poolSaturated
                    ? "The database is overloaded: pages and API calls wait for a connection and fail."
                    : "The database does not answer: the web interface and API cannot show data.");
        }
        if (!Double.isNaN(store.p99PingSeconds())
                && store.p99PingSeconds() >= thresholds.storePingP99().toMillis() / 1000.0) {
            return new Assessment(Component.WEB, ComponentStatus.DEGRADED,
                    "The database answers slowly: pages and API calls take longer than usual.");
        }
        if (poolSaturated) {
            return new Assessment(Component.WEB, ComponentStatus.DEGRADED,
                    "The database is busy: pages and API calls wait their turn and take longer than usual.");
        }
        return operational(Component.WEB);
    }

    private static Assessment operational(Component component) {
        return new Assessment(component, ComponentStatus.OPERATIONAL, component.name() + " is operational.");
    }
}
