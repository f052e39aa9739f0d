package dev.breakwater.server.alerting;

import static dev.breakwater.server.config.ConfigKeys.*;

import dev.breakwater.alert.AlertConfig;
import dev.breakwater.alert.SmtpConfig;
import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code alert.*} settings into alerting's configuration, naming the key when a value is wrong. */
public final class AlertSettings {
    private AlertSettings() {}

    public static AlertConfig config(Settings settings, String publicUrl) {
        try {
            return new AlertConfig(
                    settings.duration(ALERT_EVALUATION_INTERVAL),
                    settings.duration(ALERT_POLL_INTERVAL),
                    (int) Math.min(Integer.MAX_VALUE, settings.number(ALERT_DELIVERY_THREADS)),
                    (int) Math.min(Integer.MAX_VALUE, settings.number(ALERT_QUEUE_SIZE)),
                    settings.duration(ALERT_JOB_TTL),
                    (int) Math.min(Integer.MAX_VALUE, settings.number(ALERT_MAX_ATTEMPTS)),
                    settings.duration(ALERT_MAX_BACKOFF),
                    settings.duration(ALERT_CONNECT_TIMEOUT),
                    settings.duration(ALERT_SEND_TIMEOUT),
                    smtp(settings),
                    Optional.of(URI.create(publicUrl)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Optional<SmtpConfig> smtp(Settings settings) {
        String host = settings.text(ALERT_SMTP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String starttls = settings.text(ALERT_SMTP_STARTTLS).toLowerCase(Locale.ROOT);
        if (!starttls.equals("true") && !starttls.equals("false")) {
            throw new ConfigException(ALERT_SMTP_STARTTLS.name() + " must be true or false, was '" + starttls + "'");
        }
        return Optional.of(new SmtpConfig(
                host,
                settings.port(ALERT_SMTP_PORT),
                settings.text(ALERT_SMTP_FROM),
                optional(settings.text(ALERT_SMTP_USERNAME)),
                optional(settings.text(ALERT_SMTP_PASSWORD)),
                starttls.equals("true")));
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
