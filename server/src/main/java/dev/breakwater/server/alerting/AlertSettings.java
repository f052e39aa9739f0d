package dev.breakwater.server.alerting;

import static dev.breakwater.server.config.ConfigKeys.*;

import dev.breakwater.alert.AlertConfig;
import dev.breakwater.alert.SmtpConfig;
import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.ConfigKey;
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
                    Optional.of(URI.create(publicUrl)),
                    settings.duration(ALERT_RETENTION));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Optional<SmtpConfig> smtp(Settings settings) {
        String host = settings.text(ALERT_SMTP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        boolean starttls = flag(settings, ALERT_SMTP_STARTTLS);
        boolean implicitTls = flag(settings, ALERT_SMTP_IMPLICIT_TLS);
        if (starttls && implicitTls) {
            throw new ConfigException(ALERT_SMTP_STARTTLS.name() + " and " + ALERT_SMTP_IMPLICIT_TLS.name()
                    + " are both true: choose STARTTLS (usually port 587) or implicit TLS (usually port 465)");
        }
        return Optional.of(new SmtpConfig(
                host,
                settings.port(ALERT_SMTP_PORT),
                settings.text(ALERT_SMTP_FROM),
                optional(settings.text(ALERT_SMTP_USERNAME)),
                optional(settings.text(ALERT_SMTP_PASSWORD)),
                implicitTls ? SmtpConfig.Security.IMPLICIT_TLS
                        : starttls ? SmtpConfig.Security.STARTTLS : SmtpConfig.Security.PLAIN));
    }

    private static boolean flag(Settings settings, ConfigKey key) {
        String value = settings.text(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(key.name() + " must be true or false, was '" + value + "'");
        }
        return value.equals("true");
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
