package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ChannelRecord;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Email over SMTP (Angus Mail): a plain-text message to the channel's address, subject
 * {@code [Breakwater] FIRING: <title>} (or ESCALATED, STILL FIRING, RESOLVED). Connect, read and write timeouts are
 * set on every session, so a slow or silent SMTP server costs one delivery thread for a bounded time. Without an
 * SMTP configuration every email delivery fails at once, permanently, saying so. Thread-safe: one session per send.
 */
public final class EmailSender implements ChannelSender {
    public static final String KIND = "email";

    private final Optional<SmtpConfig> smtp;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final Optional<SSLSocketFactory> tls;

    EmailSender(Optional<SmtpConfig> smtp, Duration connectTimeout, Duration timeout) {
        this(smtp, connectTimeout, timeout, Optional.empty());
    }

    /**
     * @param tls the TLS socket factory for both TLS modes; empty: the JVM's default, which trusts the JVM's CA
     *     certificates (a test passes one that trusts its own server's certificate)
     */
    EmailSender(Optional<SmtpConfig> smtp, Duration connectTimeout, Duration timeout, Optional<SSLSocketFactory> tls) {
        this.smtp = requireNonNull(smtp, "smtp is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.tls = requireNonNull(tls, "tls is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void send(ChannelRecord channel, Notification notification) throws DeliveryException {
        if (smtp.isEmpty()) {
            throw DeliveryException.permanent("email channels need an SMTP server (alert.smtp.host)");
        }
        SmtpConfig config = smtp.get();
        InternetAddress to;
        InternetAddress from;
        try {
            to = new InternetAddress(channel.target(), true);
            from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw DeliveryException.permanent("not an email address: " + e.getMessage());
        }
        Session session = Session.getInstance(properties(config));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(subject(notification), StandardCharsets.UTF_8.name());
            message.setText(body(notification), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notification.sentAt()));
            message.setHeader("X-Breakwater-Delivery", Long.toString(notification.deliveryId()));
            if (config.username().isPresent()) {
                Transport.send(message, config.username().get(), config.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String reason = "SMTP " + config.host() + ":" + config.port() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage().strip() : "")
                    + (cause != e ? " (" + cause.getClass().getSimpleName()
                            + (cause.getMessage() != null ? ": " + cause.getMessage().strip() : "") + ")" : "");
            if (cause instanceof IOException) { // connection refused, timed out or dropped
                throw DeliveryException.unreachable(reason, e);
            }
            throw DeliveryException.refused(reason);
        }
    }

    static String subject(Notification notification) {
        return "[Breakwater] " + notification.headline() + ": " + notification.title();
    }

    static String body(Notification notification) {
        StringBuilder body = new StringBuilder()
                .append(notification.headline()).append(": ").append(notification.title()).append("\n\n");
        if (!notification.details().isBlank()) {
            body.append(notification.details()).append("\n\n");
        }
        body.append("Alert:   ").append(notification.alertId()).append(" (").append(notification.dedupKey())
                .append(")\n");
        body.append("State:   ").append(notification.state()).append(", step ").append(notification.step())
                .append('\n');
        body.append("Opened:  ").append(notification.openedAt()).append('\n');
        notification.projectId().ifPresent(project -> body.append("Project: ").append(project).append('\n'));
        notification.url().ifPresent(url -> body.append('\n').append(url).append('\n'));
        return body.toString();
    }

    private Properties properties(SmtpConfig config) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", config.host());
        properties.setProperty("mail.smtp.port", Integer.toString(config.port()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        switch (config.security()) {
            case PLAIN -> {}
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                verifiedTls(properties);
            }
            case IMPLICIT_TLS -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                verifiedTls(properties);
            }
        }
        return properties;
    }

    /**
     * The mail library checks the certificate chain but, unless told, not that the certificate names the host: a
     * notification channel must not talk to whoever holds any valid certificate.
     */
    private void verifiedTls(Properties properties) {
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        tls.ifPresent(factory -> properties.put("mail.smtp.ssl.socketFactory", factory));
    }
}
