package dev.breakwater.web.ui.alert;

import java.time.Duration;
import java.util.Optional;

/** How long an acknowledgement from the UI silences an alert: the choices of the acknowledge form. */
public enum Snooze {
    MINUTES_15("15m", "15 minutes", Duration.ofMinutes(15)),
    HOUR_1("1h", "1 hour", Duration.ofHours(1)),
    HOURS_4("4h", "4 hours", Duration.ofHours(4)),
    HOURS_24("24h", "24 hours", Duration.ofHours(24));

    private final String value;
    private final String label;
    private final Duration duration;

    Snooze(String value, String label, Duration duration) {
        this.value = value;
        this.label = label;
        this.duration = duration;
    }

    /** The form value, e.g. {@code 4h}. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    static Optional<Snooze> fromValue(String value) {
        for (Snooze snooze : values()) {
            if (snooze.value.equals(value.strip())) {
                return Optional.of(snooze);
            }
        }
        return Optional.empty();
    }
}
