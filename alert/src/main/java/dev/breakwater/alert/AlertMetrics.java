package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alerting's figures in {@code /metrics}: deliveries sent, failed (an attempt that will be retried), given up,
 * dropped (waited longer than the job TTL) and deferred (the delivery queue was full); evaluation jobs dropped;
 * evaluation runs and failures; and gauges of the outbox deliveries due at the last poll and those in flight.
 * Thread-safe.
 */
public final class AlertMetrics {
    final Counter sent;
    final Counter failed;
    final Counter givenUp;
    final Counter deliveriesDropped;
    final Counter deliveriesDeferred;
    final Counter conditionsDropped;
    final Counter evaluations;
    final Counter evaluationFailures;
    final AtomicInteger outboxDue = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();

    public AlertMetrics(MeterRegistry registry) {
        requireNonNull(registry, "registry is null");
        sent = Counter.builder("breakwater_alert_deliveries_sent")
                .description("Notifications a channel accepted")
                .register(registry);
        failed = Counter.builder("breakwater_alert_deliveries_failed")
                .description("Failed delivery attempts that will be retried")
                .register(registry);
        givenUp = Counter.builder("breakwater_alert_deliveries_given_up")
                .description("Deliveries given up after their last attempt")
                .register(registry);
        deliveriesDropped = Counter.builder("breakwater_alert_jobs_dropped")
                .description("Deliveries that waited in the queue longer than the job TTL; they stay in the outbox")
                .tag("executor", "delivery")
                .register(registry);
        conditionsDropped = Counter.builder("breakwater_alert_jobs_dropped")
                .description("Observed conditions dropped: queue full or waited longer than the job TTL")
                .tag("executor", "evaluation")
                .register(registry);
        deliveriesDeferred = Counter.builder("breakwater_alert_deliveries_deferred")
                .description("Due deliveries left in the outbox for the next poll because the delivery queue was full")
                .register(registry);
        evaluations = Counter.builder("breakwater_alert_evaluations")
                .description("Rule and channel-health evaluation runs")
                .register(registry);
        evaluationFailures = Counter.builder("breakwater_alert_evaluation_failures")
                .description("Evaluation runs that failed (e.g. the store was unreachable); retried next interval")
                .register(registry);
        Gauge.builder("breakwater_alert_outbox_due", outboxDue, AtomicInteger::get)
                .description("Deliveries due in the outbox at the last poll (at most one poll's batch)")
                .register(registry);
        Gauge.builder("breakwater_alert_deliveries_in_flight", inFlight, AtomicInteger::get)
                .description("Deliveries queued for or being sent by the delivery pool")
                .register(registry);
    }

    public double sent() {
        return sent.count();
    }

    public double failed() {
        return failed.count();
    }

    public double givenUp() {
        return givenUp.count();
    }

    public double deliveriesDropped() {
        return deliveriesDropped.count();
    }

    public double deliveriesDeferred() {
        return deliveriesDeferred.count();
    }

    public double conditionsDropped() {
        return conditionsDropped.count();
    }

    public double evaluations() {
        return evaluations.count();
    }

    public double evaluationFailures() {
        return evaluationFailures.count();
    }

    public int outboxDue() {
        return outboxDue.get();
    }
}
