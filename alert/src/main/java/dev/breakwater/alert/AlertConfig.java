package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How alerting evaluates and delivers. Both run in their own bulkhead: rule evaluation on one thread, deliveries on a
 * bounded pool, each behind a bounded queue whose jobs are dropped (and counted) when they waited longer than
 * {@code jobTtl}, so nothing alerting does can hold up ingestion or processing.
 *
 * @param evaluationInterval {@code alert.evaluation-interval}: how often rules and channel health are evaluated
 * @param pollInterval       {@code alert.poll-interval}: how often the outbox is polled for due deliveries
 * @param deliveryThreads    {@code alert.delivery-threads}: threads sending notifications
 * @param queueSize          {@code alert.queue-size}: jobs waiting for the evaluation thread, and for the delivery
 *                           pool; beyond it a condition is dropped, and a delivery stays in the outbox for the next
 *                           poll
 * @param jobTtl             {@code alert.job-ttl}: a job that waited longer than this is dropped unrun
 * @param maxAttempts        {@code alert.max-attempts}: a delivery is given up after this many failed attempts
 * @param maxBackoff         {@code alert.max-backoff}: cap of the wait between attempts (which starts at 2 s and
 *                           doubles)
 * @param connectTimeout     {@code alert.connect-timeout}: to connect to a webhook or SMTP server
 * @param sendTimeout        {@code alert.send-timeout}: for a whole webhook exchange, and per SMTP read or write
 * @param smtp               {@code alert.smtp.*}: the server email channels send through; without it they fail
 * @param publicUrl          {@code alert.public-url}: where users reach the UI, for links in notifications
 * @param retention          {@code alert.retention}: consumed signals, and the deliveries and history of alerts (and
 *                           the incidents) resolved longer ago than this are deleted; open alerts and pending
 *                           deliveries are kept however old
 */
public record AlertConfig(
        Duration evaluationInterval,
        Duration pollInterval,
        int deliveryThreads,
        int queueSize,
        Duration jobTtl,
        int maxAttempts,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration sendTimeout,
        Optional<SmtpConfig> smtp,
        Optional<URI> publicUrl,
        Duration retention) {

    /** The default of {@code alert.retention}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public AlertConfig {
        positive("alert.evaluation-interval", evaluationInterval);
        positive("alert.poll-interval", pollInterval);
        positive("alert.job-ttl", jobTtl);
        positive("alert.max-backoff", maxBackoff);
        positive("alert.connect-timeout", connectTimeout);
        positive("alert.send-timeout", sendTimeout);
        requireNonNull(smtp, "smtp is null");
        requireNonNull(publicUrl, "publicUrl is null");
        positive("alert.retention", retention);
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("alert.retention must be at least 1h, was " + retention);
        }
        if (deliveryThreads < 1 || deliveryThreads > 256) {
            throw new IllegalArgumentException(
                    "alert.delivery-threads must be between 1 and 256, was " + deliveryThreads);
        }
        if (queueSize < 1 || queueSize > 100_000) {
            throw new IllegalArgumentException("alert.queue-size must be between 1 and 100000, was " + queueSize);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("alert.max-attempts must be between 1 and 100, was " + maxAttempts);
        }
        if (maxBackoff.compareTo(DeliveryBackoff.BASE) < 0) {
            throw new IllegalArgumentException(
                    "alert.max-backoff must be at least " + DeliveryBackoff.BASE + ", was " + maxBackoff);
        }
        if (publicUrl.isPresent()) {
            String scheme = publicUrl.get().getScheme();
            if (scheme == null
                    || !(scheme.toLowerCase(Locale.ROOT).equals("http")
                            || scheme.toLowerCase(Locale.ROOT).equals("https"))) {
                throw new IllegalArgumentException(
                        "alert.public-url must be an http(s) URL, was '" + publicUrl.get() + "'");
            }
        }
    }

    /** With {@code alert.retention} at its default. */
    public AlertConfig(Duration evaluationInterval, Duration pollInterval, int deliveryThreads, int queueSize,
            Duration jobTtl, int maxAttempts, Duration maxBackoff, Duration connectTimeout, Duration sendTimeout,
            Optional<SmtpConfig> smtp, Optional<URI> publicUrl) {
        this(evaluationInterval, pollInterval, deliveryThreads, queueSize, jobTtl, maxAttempts, maxBackoff,
                connectTimeout, sendTimeout, smtp, publicUrl, DEFAULT_RETENTION);
    }

    /** Every key at its default: no SMTP server, no public URL. */
    public static AlertConfig defaults() {
        return new AlertConfig(Duration.ofSeconds(15), Duration.ofSeconds(1), 4, 1000, Duration.ofMinutes(1), 8,
                Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Optional.empty(),
                Optional.empty(), DEFAULT_RETENTION);
    }

    public AlertConfig withSmtp(SmtpConfig value) {
        return new AlertConfig(evaluationInterval, pollInterval, deliveryThreads, queueSize, jobTtl, maxAttempts,
                maxBackoff, connectTimeout, sendTimeout, Optional.of(value), publicUrl, retention);
    }

    public AlertConfig withPublicUrl(URI value) {
        return new AlertConfig(evaluationInterval, pollInterval, deliveryThreads, queueSize, jobTtl, maxAttempts,
                maxBackoff, connectTimeout, sendTimeout, smtp, Optional.of(value), retention);
    }

    public AlertConfig withRetention(Duration value) {
        return new AlertConfig(evaluationInterval, pollInterval, deliveryThreads, queueSize, jobTtl, maxAttempts,
                maxBackoff, connectTimeout, sendTimeout, smtp, publicUrl, value);
    }

    private static void positive(String key, Duration value) {
        requireNonNull(value, key + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
