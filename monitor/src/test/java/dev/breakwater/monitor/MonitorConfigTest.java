package dev.breakwater.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
    @Test
    void defaults() {
        MonitorConfig config = MonitorConfig.defaults(Path.of("spool"), Optional.of(Path.of("store.db")));
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.worsenAfter()).isEqualTo(2);
        assertThat(config.improveAfter()).isEqualTo(6);
        assertThat(config.storePingWindow()).isEqualTo(120);

        Thresholds thresholds = config.thresholds();
        assertThat(thresholds.diskUsedSteps()).containsExactly(0.90, 0.95, 0.98);
        assertThat(thresholds.backlogOldestAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(thresholds.backlogRecords()).isEqualTo(1_000_000);
        assertThat(thresholds.retryingFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(thresholds.retryingOutageAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(thresholds.quarantineWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(thresholds.processingDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(thresholds.storePingP99()).isEqualTo(Duration.ofSeconds(1));
        assertThat(thresholds.storePoolWaiting()).isEqualTo(1);
        assertThat(thresholds.storePoolWaitingFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(thresholds.heapAfterGc()).isEqualTo(0.90);
        assertThat(thresholds.ingestRefusalRatio()).isEqualTo(0.10);
        assertThat(thresholds.ingestRefusalMinRequests()).isEqualTo(20);
        assertThat(thresholds.notificationWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(thresholds.notificationOverdue()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void diskSteps() {
        Thresholds thresholds = Thresholds.defaults();
        assertThat(thresholds.diskStep(0.89)).isEqualTo(-1);
        assertThat(thresholds.diskStep(0.90)).isZero();
        assertThat(thresholds.diskStep(0.96)).isEqualTo(1);
        assertThat(thresholds.diskStep(1.0)).isEqualTo(2);
        assertThat(thresholds.diskFull()).isEqualTo(0.98);
    }

    @Test
    void badValuesNameTheirKey() {
        Thresholds d = Thresholds.defaults();
        assertThatThrownBy(() -> new Thresholds(List.of(0.95, 0.90), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                d.storePoolWaiting(), d.storePoolWaitingFor(), d.heapAfterGc(), d.ingestRefusalRatio(), d.ingestRefusalMinRequests(),
                d.notificationWindow(), d.notificationOverdue()))
                .hasMessageContaining("monitor.disk-used-steps must ascend");
        assertThatThrownBy(() -> new Thresholds(d.diskUsedSteps(), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                d.storePoolWaiting(), d.storePoolWaitingFor(), 1.5, d.ingestRefusalRatio(), d.ingestRefusalMinRequests(),
                d.notificationWindow(), d.notificationOverdue()))
                .hasMessageContaining("monitor.heap-after-gc");
        assertThatThrownBy(() -> new Thresholds(d.diskUsedSteps(), d.backlogOldestAge(), d.backlogRecords(),
                Duration.ZERO, d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                d.storePoolWaiting(), d.storePoolWaitingFor(), d.heapAfterGc(), d.ingestRefusalRatio(), d.ingestRefusalMinRequests(),
                d.notificationWindow(), d.notificationOverdue()))
                .hasMessageContaining("monitor.retrying-for");
        assertThatThrownBy(() -> new Thresholds(d.diskUsedSteps(), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                0, d.storePoolWaitingFor(), d.heapAfterGc(), d.ingestRefusalRatio(), d.ingestRefusalMinRequests(),
                d.notificationWindow(), d.notificationOverdue()))
                .hasMessageContaining("monitor.store-pool-waiting");
        assertThatThrownBy(() -> new Thresholds(d.diskUsedSteps(), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                d.storePoolWaiting(), Duration.ofSeconds(-1), d.heapAfterGc(), d.ingestRefusalRatio(),
                d.ingestRefusalMinRequests(), d.notificationWindow(), d.notificationOverdue()))
                .hasMessageContaining("monitor.store-pool-waiting-for");
        assertThatThrownBy(() -> new Thresholds(d.diskUsedSteps(), d.backlogOldestAge(), d.backlogRecords(),
                d.retryingFor(), d.retryingOutageAfter(), d.quarantineWindow(), d.processingDelay(), d.storePingP99(),
                d.storePoolWaiting(), d.storePoolWaitingFor(), d.heapAfterGc(), d.ingestRefusalRatio(), d.ingestRefusalMinRequests(),
                d.notificationWindow(), Duration.ZERO))
                .hasMessageContaining("monitor.notification-overdue");
        assertThatThrownBy(() -> new MonitorConfig(Duration.ofMillis(10), d, 2, 6, 120, Path.of("s"), Optional.empty()))
                .hasMessageContaining("monitor.interval");
        assertThatThrownBy(() -> new MonitorConfig(Duration.ofSeconds(5), d, 2, 6, 0, Path.of("s"), Optional.empty()))
                .hasMessageContaining("monitor.store-ping-window");
    }
}
