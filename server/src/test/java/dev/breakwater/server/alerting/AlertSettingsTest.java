package dev.breakwater.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    @Test
    void alertRetentionDefaultsTo30DaysAndIsRead() {
        assertThat(AlertSettings.config(Settings.defaults(), "http://127.0.0.1:8080").retention())
                .isEqualTo(Duration.ofDays(30));
        Settings week = Settings.load(null, Map.of("BREAKWATER_ALERT_RETENTION", "7d"), Map.of());
        assertThat(AlertSettings.config(week, "http://127.0.0.1:8080").retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aTooShortRetentionIsRefusedByName() {
        Settings minutes = Settings.load(null, Map.of(), Map.of("alert.retention", "5m"));
        assertThatThrownBy(() -> AlertSettings.config(minutes, "http://127.0.0.1:8080"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alert.retention");
    }
}
