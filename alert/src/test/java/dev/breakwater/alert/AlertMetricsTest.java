package dev.breakwater.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AlertMetricsTest {

    @Test
    void everyFigureIsRegistered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertMetrics metrics = new AlertMetrics(registry);
        metrics.deliveriesDropped.increment();

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains(
                "breakwater_alert_deliveries_sent", "breakwater_alert_deliveries_failed",
                "breakwater_alert_deliveries_given_up", "breakwater_alert_jobs_dropped",
                "breakwater_alert_deliveries_deferred", "breakwater_alert_outbox_due",
                "breakwater_alert_deliveries_in_flight", "breakwater_alert_evaluations",
                "breakwater_alert_evaluation_failures");
        assertThat(registry.get("breakwater_alert_jobs_dropped").tag("executor", "delivery").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("breakwater_alert_jobs_dropped").tag("executor", "evaluation").counter().count())
                .isZero();
    }
}
