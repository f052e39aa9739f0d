package dev.breakwater.server.alerting;

import static java.util.Objects.requireNonNull;

import dev.breakwater.alert.AlertBook;
import dev.breakwater.alert.AlertResolvedException;
import dev.breakwater.alert.Alerts;
import dev.breakwater.monitor.MonitorService;
import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.monitoring.MonitorSettings;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.alert.AlertActions;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Alerting (rule evaluation, the notification outbox) and self-monitoring (the sampler feeding internal alerts and the
 * status page), started and stopped together. Each runs on its own bounded threads; the monitor hands its conditions to
 * alerting through a bounded queue, so neither can hold up ingestion, processing or the other.
 */
public final class Alerting implements AutoCloseable {
    private final Alerts alerts;
    private final MonitorService monitor;
    private final Clock clock;

    private Alerting(Alerts alerts, MonitorService monitor, Clock clock) {
        this.alerts = alerts;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Starts both. {@code storeFile} is the SQLite file whose filesystem is watched, empty for PostgreSQL. Throws
     * {@link dev.breakwater.server.config.ConfigException} naming a wrong setting, with nothing left running.
     */
    public static Alerting start(
            Settings settings,
            String publicUrl,
            PipelineControl pipeline,
            Store store,
            Path spoolDir,
            Optional<Path> storeFile,
            MeterRegistry metrics,
            Clock clock) {
        var monitorConfig = MonitorSettings.config(settings, spoolDir, storeFile);
        Alerts alerts = Alerts.start(AlertSettings.config(settings, publicUrl), store, clock, metrics);
        try {
            // submit, not observe: a slow store delays alerting's own thread, never the sampler
            MonitorService monitor = MonitorService.start(
                    monitorConfig, pipeline, store, metrics, (condition, now) -> alerts.submit(condition), clock);
            return new Alerting(alerts, monitor, clock);
        } catch (RuntimeException e) {
            alerts.close();
            throw e;
        }
    }

    /** What the UI and the API may do with alerts, done by the real lifecycle engine. */
    public AlertActions actions() {
        AlertBook book = alerts.book();
        return new AlertActions() {
            @Override
            public Optional<AlertRecord> acknowledge(long alertId, Duration snooze, String by) throws Exception {
                requireNonNull(snooze, "snooze is null");
                try {
                    return book.acknowledge(alertId, snooze, by, clock.instant());
                } catch (AlertResolvedException e) {
                    // resolved between the page's check and this call: as for an alert that is not open
                    return Optional.empty();
                }
            }

            @Override
            public Optional<AlertRecord> resolve(long alertId, String by) throws Exception {
                return book.resolve(alertId, by, clock.instant());
            }
        };
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } finally {
            alerts.close();
        }
    }
}
