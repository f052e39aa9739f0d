package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The SMTP server email channels send through.
 *
 * @param host     {@code alert.smtp.host}
 * @param port     {@code alert.smtp.port}, e.g. 25, 587 (STARTTLS) or 2525
 * @param from     {@code alert.smtp.from}: the sender address
 * @param username {@code alert.smtp.username}: authenticate when present
 * @param password {@code alert.smtp.password}: never logged ({@link #toString()} redacts it)
 * @param security {@code alert.smtp.starttls} / {@code alert.smtp.implicit-tls}: plain, STARTTLS required, or TLS
 *                 from the first byte (SMTPS, usually port 465)
 */
public record SmtpConfig(
        String host, int port, String from, Optional<String> username, Optional<String> password, Security security) {

    /** How the connection to the SMTP server is protected. Both TLS modes verify the server's certificate and name. */
    public enum Security {
        /** No TLS: a local relay. */
        PLAIN,
        /** A plain connection upgraded with STARTTLS before anything is sent; a server that cannot is refused. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, RFC 8314's "implicit TLS", usually port 465). */
        IMPLICIT_TLS
    }

    /** Plain or STARTTLS, as before implicit TLS existed. */
    public SmtpConfig(
            String host, int port, String from, Optional<String> username, Optional<String> password, boolean startTls) {
        this(host, port, from, username, password, startTls ? Security.STARTTLS : Security.PLAIN);
    }

    public SmtpConfig {
        requireNonNull(host, "host is null");
        requireNonNull(from, "from is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(security, "security is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("alert.smtp.host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("alert.smtp.port must be between 1 and 65535, was " + port);
        }
        if (!from.contains("@")) {
            throw new IllegalArgumentException("alert.smtp.from must be an email address, was '" + from + "'");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("alert.smtp.password needs alert.smtp.username");
        }
    }

    /** An SMTP server without authentication or TLS, e.g. a local relay. */
    public static SmtpConfig plain(String host, int port, String from) {
        return new SmtpConfig(host, port, from, Optional.empty(), Optional.empty(), Security.PLAIN);
    }

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", from=" + from + ", username="
                + username.orElse("(none)") + ", password=" + (password.isPresent() ? "(redacted)" : "(none)")
                + ", security=" + security + "]";
    }
}
