package dev.breakwater.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertConfigTest {

    @Test
    void defaults() {
        AlertConfig config = AlertConfig.defaults();

        assertThat(config.evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.deliveryThreads()).isEqualTo(4);
        assertThat(config.queueSize()).isEqualTo(1000);
        assertThat(config.jobTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxAttempts()).isEqualTo(8);
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.smtp()).isEmpty();
        assertThat(config.publicUrl()).isEmpty();
        assertThat(config.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void explicitValues() {
        SmtpConfig smtp = new SmtpConfig("mail.example.com", 587, "bw@example.com", Optional.of("bw"),
                Optional.of("hunter2"), true);
        AlertConfig config = AlertConfig.defaults().withSmtp(smtp).withPublicUrl(URI.create("https://bw.example.com"));

        assertThat(config.smtp()).contains(smtp);
        assertThat(config.publicUrl()).contains(URI.create("https://bw.example.com"));
        assertThat(config.withRetention(Duration.ofDays(7)).retention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> config.withRetention(Duration.ofMinutes(59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert.retention");
        assertThat(smtp.toString()).contains("mail.example.com").contains("(redacted)").doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void badValuesFailNamingTheirKey() {
        AlertConfig d = AlertConfig.defaults();
        assertThatThrownBy(() -> new AlertConfig(Duration.ZERO, d.pollInterval(), 4, 10, d.jobTtl(), 3,
                        d.maxBackoff(), d.connectTimeout(), d.sendTimeout(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("alert.evaluation-interval");
        assertThatThrownBy(() -> new AlertConfig(d.evaluationInterval(), d.pollInterval(), 0, 10, d.jobTtl(), 3,
                        d.maxBackoff(), d.connectTimeout(), d.sendTimeout(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("alert.delivery-threads");
        assertThatThrownBy(() -> new AlertConfig(d.evaluationInterval(), d.pollInterval(), 4, 0, d.jobTtl(), 3,
                        d.maxBackoff(), d.connectTimeout(), d.sendTimeout(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("alert.queue-size");
        assertThatThrownBy(() -> new AlertConfig(d.evaluationInterval(), d.pollInterval(), 4, 10, d.jobTtl(), 0,
                        d.maxBackoff(), d.connectTimeout(), d.sendTimeout(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("alert.max-attempts");
        assertThatThrownBy(() -> new AlertConfig(d.evaluationInterval(), d.pollInterval(), 4, 10, d.jobTtl(), 3,
                        Duration.ofSeconds(1), d.connectTimeout(), d.sendTimeout(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("alert.max-backoff");
        assertThatThrownBy(() -> new AlertConfig(d.evaluationInterval(), d.pollInterval(), 4, 10, d.jobTtl(), 3,
                        d.maxBackoff(), d.connectTimeout(), Duration.ofSeconds(-1), Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("alert.send-timeout");
        assertThatThrownBy(() -> d.withPublicUrl(URI.create("ftp://x")))
                .hasMessageContaining("alert.public-url");
        assertThatThrownBy(() -> new SmtpConfig("mail", 0, "a@b", Optional.empty(), Optional.empty(), false))
                .hasMessageContaining("alert.smtp.port");
        assertThatThrownBy(() -> SmtpConfig.plain("mail", 25, "nobody"))
                .hasMessageContaining("alert.smtp.from");
    }
}
