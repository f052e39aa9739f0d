package dev.breakwater.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.breakwater.store.ChannelRecord;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email over TLS to a real SMTP server (GreenMail) holding a certificate made for this run by the JDK's keytool:
 * implicit TLS (SMTPS) delivers when the certificate is trusted and names the host, and is refused when it is not
 * trusted or names another host; a STARTTLS channel never falls back to plain text.
 */
class SmtpTlsDeliveryIT {
    private static final String PASSWORD = "changeit";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    static Path directory;

    static GreenMail greenMail;
    static SSLSocketFactory trusting;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = directory.resolve("smtp.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "smtp", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass",
                        PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        // GreenMail reads its TLS key store from these properties once, when its first TLS server starts
        System.setProperty("greenmail.tls.keystore.file", keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
        greenMail = new GreenMail(new ServerSetup[] {
            ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()
        });
        greenMail.start();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        trusting = context.getSocketFactory();
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void implicitTlsDeliversToAServerWhoseCertificateIsTrustedAndNamesTheHost() throws Exception {
        int before = greenMail.getReceivedMessages().length;
        sender("127.0.0.1", greenMail.getSmtps().getPort(), SmtpConfig.Security.IMPLICIT_TLS, Optional.of(trusting))
                .send(channel(), notification(1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(before + 1);
        assertThat(received[received.length - 1].getSubject()).isEqualTo("[Breakwater] FIRING: Spool disk 91 % full");
        assertThat(received[received.length - 1].getHeader("X-Breakwater-Delivery")).containsExactly("1");
    }

    @Test
    void implicitTlsRefusesACertificateTheJvmDoesNotTrust() {
        int before = greenMail.getReceivedMessages().length;
        EmailSender sender =
                sender("127.0.0.1", greenMail.getSmtps().getPort(), SmtpConfig.Security.IMPLICIT_TLS, Optional.empty());
        assertThatThrownBy(() -> sender.send(channel(), notification(2)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("SMTP 127.0.0.1:" + greenMail.getSmtps().getPort())
                .hasMessageContaining("unable to find valid certification path");
        assertThat(greenMail.getReceivedMessages()).hasSize(before);
    }

    @Test
    void implicitTlsRefusesACertificateForAnotherHost() throws Exception {
        // the certificate names localhost and 127.0.0.1, not the other loopback address
        int before = greenMail.getReceivedMessages().length;
        EmailSender sender = sender(
                "127.0.0.2", greenMail.getSmtps().getPort(), SmtpConfig.Security.IMPLICIT_TLS, Optional.of(trusting));
        assertThatThrownBy(() -> sender.send(channel(), notification(3)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("127.0.0.2");
        assertThat(greenMail.getReceivedMessages()).hasSize(before);
    }

    @Test
    void startTlsRequiredIsNeverSentInPlainTextToAServerWithoutIt() {
        // GreenMail's plain SMTP port offers no STARTTLS: the message must not go out unencrypted instead
        int before = greenMail.getReceivedMessages().length;
        EmailSender sender =
                sender("localhost", greenMail.getSmtp().getPort(), SmtpConfig.Security.STARTTLS, Optional.of(trusting));
        assertThatThrownBy(() -> sender.send(channel(), notification(4)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("STARTTLS is required");
        assertThat(greenMail.getReceivedMessages()).hasSize(before);
    }

    private static EmailSender sender(
            String host, int port, SmtpConfig.Security security, Optional<SSLSocketFactory> tls) {
        SmtpConfig smtp = new SmtpConfig(
                host, port, "breakwater@example.com", Optional.empty(), Optional.empty(), security);
        return new EmailSender(Optional.of(smtp), Duration.ofSeconds(5), Duration.ofSeconds(10), tls);
    }

    private static ChannelRecord channel() {
        return new ChannelRecord(7, "on-call", EmailSender.KIND, "oncall@example.com", "", T0);
    }

    private static Notification notification(long deliveryId) {
        return new Notification(deliveryId, NotificationPayload.FIRED, 42, "disk:spool", "Spool disk 91 % full",
                "/var/lib/breakwater is 91 % full", "firing", 0, T0, Optional.empty(), Optional.empty(), T0, "{}");
    }

}
