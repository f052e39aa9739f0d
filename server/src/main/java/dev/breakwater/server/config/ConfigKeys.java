package dev.breakwater.server.config;

import static dev.breakwater.server.config.ConfigKey.key;
import static dev.breakwater.server.config.ConfigKey.secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key with its default and doc. {@code breakwater config} prints this list. */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final ConfigKey HTTP_HOST = key("http.host", "0.0.0.0", "address the HTTP server binds");
    public static final ConfigKey HTTP_PORT = key("http.port", "8080", "HTTP port for ingestion, API and UI");
    public static final ConfigKey HTTP_PUBLIC_URL =
            key("http.public-url", "", "base URL clients use to reach this server (for DSNs); empty: http://<host>:<port>");
    public static final ConfigKey HTTP_MAX_HEADER_SIZE =
            key("http.max-header-size", "16KiB", "largest request header block; larger gets 431");
    public static final ConfigKey HTTP_IDLE_TIMEOUT =
            key("http.idle-timeout", "60s", "a keep-alive connection with no request for this long is closed");
    public static final ConfigKey HTTP_BODY_TIMEOUT =
            key("http.body-timeout", "30s", "a request body must arrive whole within this time, or the connection is closed");
    public static final ConfigKey HTTP_MAX_CONNECTIONS = key(
            "http.max-connections", "4096", "open connections at most; more wait in the accept backlog (bounds memory)");
    public static final ConfigKey HTTP_SHUTDOWN_GRACE =
            key("http.shutdown-grace", "10s", "on shutdown, how long in-flight requests may take to finish");

    public static final ConfigKey DATA_DIR = key("data.dir", "./data", "folder for the spool and state");
    public static final ConfigKey NODE_ID =
            key("node.id", "", "this ingest node's id, stamped on every record; empty: taken from the host name");

    public static final ConfigKey SPOOL_SEGMENT_SIZE = key("spool.segment-size", "64MiB", "a lane's log rolls to a new file at this size");
    public static final ConfigKey SPOOL_MAX_PENDING =
            key("spool.max-pending", "64MiB", "per lane, most bytes waiting for the next fsync before appends are refused");
    public static final ConfigKey LANE_QUOTA_EVENTS = key("spool.quota.events", "10GiB", "disk quota of the events lane");
    public static final ConfigKey LANE_QUOTA_TRANSACTIONS =
            key("spool.quota.transactions", "10GiB", "disk quota of the transactions lane");
    public static final ConfigKey LANE_QUOTA_METRICS = key("spool.quota.metrics", "2GiB", "disk quota of the metrics lane");
    public static final ConfigKey LANE_QUOTA_DEPLOYS = key("spool.quota.deploys", "256MiB", "disk quota of the deploys lane");
    public static final ConfigKey LANE_QUOTA_ARTIFACTS = key("spool.quota.artifacts", "4GiB", "disk quota of the artifacts lane");

    public static final ConfigKey RATE_LIMIT_PER_SECOND = key(
            "ingest.rate-limit-per-second", "1000", "per project, sustained requests per second; 0 turns the limit off");
    public static final ConfigKey RATE_LIMIT_BURST =
            key("ingest.rate-limit-burst", "2000", "per project, requests allowed in a burst above the sustained rate");
    public static final ConfigKey MAX_WIRE_SIZE =
            key("ingest.max-wire-size", "20MiB", "largest request body as sent (compressed)");
    public static final ConfigKey MAX_DECODED_SIZE =
            key("ingest.max-decoded-size", "100MiB", "largest request body after decompression");
    public static final ConfigKey MAX_CONCURRENT_REQUESTS = key(
            "ingest.max-concurrent-requests", "256", "ingest requests handled at once; more wait for a slot");
    public static final ConfigKey ADMISSION_WAIT = key(
            "ingest.admission-wait",
            "500ms",
            "how long a request may wait for one of those slots before it is refused with 429 and Retry-After");
    public static final ConfigKey MAX_INFLIGHT_BYTES = key(
            "ingest.max-inflight-bytes", "128MiB", "request bytes held in memory across all requests; beyond it, 503");

    public static final ConfigKey STORE_ENGINE =
            key("store.engine", "sqlite", "where issues and events are stored: sqlite (embedded) or postgresql");
    public static final ConfigKey STORE_SQLITE_FILE =
            key("store.sqlite-file", "", "SQLite database file; empty: <data>/breakwater.db");
    public static final ConfigKey STORE_JDBC_URL =
            key("store.jdbc-url", "", "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/breakwater (postgresql only)");
    public static final ConfigKey STORE_USER = key("store.user", "", "PostgreSQL user (postgresql only)");
    public static final ConfigKey STORE_PASSWORD = secret("store.password", "", "PostgreSQL password (postgresql only)");
    public static final ConfigKey STORE_POOL_SIZE = key("store.pool-size", "8", "PostgreSQL connections at most");
    public static final ConfigKey STORE_ACQUISITION_TIMEOUT = key(
            "store.acquisition-timeout", "5s", "longest wait for a pooled database connection before the call fails");
    public static final ConfigKey STORE_STATEMENT_TIMEOUT =
            key("store.statement-timeout", "30s", "longest a database statement may run before it is cancelled");
    public static final ConfigKey STORE_RETENTION_DAYS =
            key("store.retention-days", "90", "events older than this many days are deleted");

    public static final ConfigKey PIPELINE_BATCH_RECORDS =
            key("pipeline.batch-records", "1000", "most spool records one store transaction covers");
    public static final ConfigKey PIPELINE_BATCH_BYTES =
            key("pipeline.batch-bytes", "16MiB", "most spool bytes one batch reads");
    public static final ConfigKey PIPELINE_BATCH_LINGER = key("pipeline.batch-linger", "50ms",
            "while a lane keeps up, how long its new records may wait to share one store transaction (0 to 1s)");
    public static final ConfigKey PIPELINE_MAX_BACKOFF = key(
            "pipeline.max-backoff", "30s", "longest wait between retries of a lane whose store writes fail transiently");

    public static final ConfigKey ADMIN_TOKEN = secret(
            "admin.token", "", "bearer token of the admin API; empty: generated at first start into <data>/admin-token");

    public static final ConfigKey UI_ADMIN_PASSWORD = secret("ui.admin-password", "",
            "password of the 'admin' user created at first start (at least 10 characters); empty: generated and printed once");
    public static final ConfigKey UI_DELAY_BANNER = key("ui.delay-banner-threshold", "30s",
            "every UI page shows a banner while the processing delay exceeds this");
    public static final ConfigKey UI_REFRESH = key(
            "ui.refresh-interval", "5s", "how often live parts of the UI (issue list, pipeline, banner) refresh");
    public static final ConfigKey UI_SESSION_LIFETIME = key("ui.session-lifetime", "7d", "a UI sign-in lasts this long");
    public static final ConfigKey UI_MAX_FAILED_SIGN_INS = key(
            "ui.max-failed-sign-ins", "5", "wrong passwords in a row before a user's sign-in is locked");
    public static final ConfigKey UI_LOCKOUT = key("ui.lockout", "15m", "how long sign-in stays locked after too many wrong passwords");

    public static final ConfigKey ALERT_EVALUATION_INTERVAL =
            key("alert.evaluation-interval", "15s", "how often alert rules and channel health are evaluated");
    public static final ConfigKey ALERT_POLL_INTERVAL =
            key("alert.poll-interval", "1s", "how often the notification outbox is polled for due deliveries");
    public static final ConfigKey ALERT_DELIVERY_THREADS =
            key("alert.delivery-threads", "4", "threads sending notifications (a hung channel holds at most one)");
    public static final ConfigKey ALERT_QUEUE_SIZE = key("alert.queue-size", "1000",
            "jobs waiting for rule evaluation and for delivery; beyond it they wait in the store for the next poll");
    public static final ConfigKey ALERT_JOB_TTL =
            key("alert.job-ttl", "1m", "an alerting job that waited longer than this is dropped (and counted)");
    public static final ConfigKey ALERT_MAX_ATTEMPTS =
            key("alert.max-attempts", "8", "a notification is given up after this many failed attempts");
    public static final ConfigKey ALERT_MAX_BACKOFF =
            key("alert.max-backoff", "10m", "longest wait between attempts to deliver a notification");
    public static final ConfigKey ALERT_CONNECT_TIMEOUT =
            key("alert.connect-timeout", "5s", "to connect to a webhook or SMTP server");
    public static final ConfigKey ALERT_SEND_TIMEOUT =
            key("alert.send-timeout", "10s", "for a whole webhook exchange, and per SMTP read or write");
    public static final ConfigKey ALERT_RETENTION = key("alert.retention", "30d",
            "deliveries and history of alerts, and incidents, resolved longer ago than this are deleted (open ones never)");
    public static final ConfigKey ALERT_SMTP_HOST =
            key("alert.smtp.host", "", "SMTP server for email channels; empty: email channels cannot send");
    public static final ConfigKey ALERT_SMTP_PORT = key("alert.smtp.port", "25", "SMTP port");
    public static final ConfigKey ALERT_SMTP_FROM =
            key("alert.smtp.from", "breakwater@localhost", "sender address of notification emails");
    public static final ConfigKey ALERT_SMTP_USERNAME = key("alert.smtp.username", "", "SMTP user; empty: no login");
    public static final ConfigKey ALERT_SMTP_PASSWORD = secret("alert.smtp.password", "", "SMTP password");
    public static final ConfigKey ALERT_SMTP_STARTTLS =
            key("alert.smtp.starttls", "false", "true: require STARTTLS before sending");
    public static final ConfigKey ALERT_SMTP_IMPLICIT_TLS = key("alert.smtp.implicit-tls", "false",
            "true: TLS from the first byte (SMTPS, usually port 465); excludes alert.smtp.starttls");

    public static final ConfigKey MONITOR_INTERVAL =
            key("monitor.interval", "5s", "how often lanes, disks, the store and the JVM are sampled");
    public static final ConfigKey MONITOR_WORSEN_AFTER = key("monitor.worsen-after", "2",
            "samples a worse component status must hold before the status page shows it");
    public static final ConfigKey MONITOR_IMPROVE_AFTER = key("monitor.improve-after", "6",
            "samples a better component status must hold before the status page shows it");
    public static final ConfigKey MONITOR_STORE_PING_WINDOW =
            key("monitor.store-ping-window", "120", "store round trips kept for their p99");
    public static final ConfigKey MONITOR_DISK_USED_PERCENT = key("monitor.disk-used-percent", "90,95,98",
            "spool/store filesystem use at which the disk alert fires, then notifies again at each further step");
    public static final ConfigKey MONITOR_BACKLOG_AGE =
            key("monitor.backlog-oldest-age", "5m", "alert when a lane's oldest waiting record is older than this");
    public static final ConfigKey MONITOR_BACKLOG_RECORDS =
            key("monitor.backlog-records", "1000000", "alert when a lane has more records waiting");
    public static final ConfigKey MONITOR_RETRYING_FOR =
            key("monitor.retrying-for", "60s", "alert when a lane has been retrying its store writes this long");
    public static final ConfigKey MONITOR_RETRYING_OUTAGE = key("monitor.retrying-outage-after", "5m",
            "a lane retrying this long is a major outage on the status page");
    public static final ConfigKey MONITOR_QUARANTINE_WINDOW =
            key("monitor.quarantine-window", "15m", "alert when a lane quarantined records within this window");
    public static final ConfigKey MONITOR_PROCESSING_DELAY =
            key("monitor.processing-delay", "30s", "alert when the processing delay exceeds this");
    public static final ConfigKey MONITOR_STORE_PING_P99 =
            key("monitor.store-ping-p99", "1s", "alert when the store's round-trip p99 exceeds this");
    public static final ConfigKey MONITOR_STORE_POOL_WAITING = key("monitor.store-pool-waiting", "1",
            "threads waiting for a store connection at which the pool counts as saturated");
    public static final ConfigKey MONITOR_STORE_POOL_WAITING_FOR = key("monitor.store-pool-waiting-for", "30s",
            "alert when every sample for this long saw the store's pool saturated (0s: the first sample that does)");
    public static final ConfigKey MONITOR_HEAP_PERCENT =
            key("monitor.heap-after-gc-percent", "90", "alert when the heap left after garbage collection exceeds this");
    public static final ConfigKey MONITOR_REFUSAL_PERCENT = key("monitor.ingest-refusal-percent", "10",
            "alert when more than this share of ingest requests in a minute was refused");
    public static final ConfigKey MONITOR_REFUSAL_MIN_REQUESTS = key("monitor.ingest-refusal-min-requests", "20",
            "the refusal share counts only with at least this many requests in the minute");
    public static final ConfigKey MONITOR_NOTIFICATION_WINDOW = key("monitor.notification-failure-window", "1h",
            "a notification given up within this window degrades Notifications on the status page");
    public static final ConfigKey MONITOR_NOTIFICATION_OVERDUE = key("monitor.notification-overdue", "2m",
            "a notification waiting to be sent for longer than this degrades Notifications on the status page");

    public static final List<ConfigKey> ALL = List.of(
            HTTP_HOST,
            HTTP_PORT,
            HTTP_PUBLIC_URL,
            HTTP_MAX_HEADER_SIZE,
            HTTP_IDLE_TIMEOUT,
            HTTP_BODY_TIMEOUT,
            HTTP_MAX_CONNECTIONS,
            HTTP_SHUTDOWN_GRACE,
            DATA_DIR,
            NODE_ID,
            SPOOL_SEGMENT_SIZE,
            SPOOL_MAX_PENDING,
            LANE_QUOTA_EVENTS,
            LANE_QUOTA_TRANSACTIONS,
            LANE_QUOTA_METRICS,
            LANE_QUOTA_DEPLOYS,
            LANE_QUOTA_ARTIFACTS,
            RATE_LIMIT_PER_SECOND,
            RATE_LIMIT_BURST,
            MAX_WIRE_SIZE,
            MAX_DECODED_SIZE,
            MAX_CONCURRENT_REQUESTS,
            ADMISSION_WAIT,
            MAX_INFLIGHT_BYTES,
            STORE_ENGINE,
            STORE_SQLITE_FILE,
            STORE_JDBC_URL,
            STORE_USER,
            STORE_PASSWORD,
            STORE_POOL_SIZE,
            STORE_ACQUISITION_TIMEOUT,
            STORE_STATEMENT_TIMEOUT,
            STORE_RETENTION_DAYS,
            PIPELINE_BATCH_RECORDS,
            PIPELINE_BATCH_BYTES,
            PIPELINE_BATCH_LINGER,
            PIPELINE_MAX_BACKOFF,
            ADMIN_TOKEN,
            UI_ADMIN_PASSWORD,
            UI_DELAY_BANNER,
            UI_REFRESH,
            UI_SESSION_LIFETIME,
            UI_MAX_FAILED_SIGN_INS,
            UI_LOCKOUT,
            ALERT_EVALUATION_INTERVAL,
            ALERT_POLL_INTERVAL,
            ALERT_DELIVERY_THREADS,
            ALERT_QUEUE_SIZE,
            ALERT_JOB_TTL,
            ALERT_MAX_ATTEMPTS,
            ALERT_MAX_BACKOFF,
            ALERT_CONNECT_TIMEOUT,
            ALERT_SEND_TIMEOUT,
            ALERT_RETENTION,
            ALERT_SMTP_HOST,
            ALERT_SMTP_PORT,
            ALERT_SMTP_FROM,
            ALERT_SMTP_USERNAME,
            ALERT_SMTP_PASSWORD,
            ALERT_SMTP_STARTTLS,
            ALERT_SMTP_IMPLICIT_TLS,
            MONITOR_INTERVAL,
            MONITOR_WORSEN_AFTER,
            MONITOR_IMPROVE_AFTER,
            MONITOR_STORE_PING_WINDOW,
            MONITOR_DISK_USED_PERCENT,
            MONITOR_BACKLOG_AGE,
            MONITOR_BACKLOG_RECORDS,
            MONITOR_RETRYING_FOR,
            MONITOR_RETRYING_OUTAGE,
            MONITOR_QUARANTINE_WINDOW,
            MONITOR_PROCESSING_DELAY,
            MONITOR_STORE_PING_P99,
            MONITOR_STORE_POOL_WAITING,
            MONITOR_STORE_POOL_WAITING_FOR,
            MONITOR_HEAP_PERCENT,
            MONITOR_REFUSAL_PERCENT,
            MONITOR_REFUSAL_MIN_REQUESTS,
            MONITOR_NOTIFICATION_WINDOW,
            MONITOR_NOTIFICATION_OVERDUE);

    static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            byName.put(key.name(), key);
        }
        return byName;
    }
}
