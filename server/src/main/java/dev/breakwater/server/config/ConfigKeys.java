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
            "ingest.max-concurrent-requests", "256", "ingest requests handled at once; more are refused with 429 at once");
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
            PIPELINE_MAX_BACKOFF,
            ADMIN_TOKEN,
            UI_ADMIN_PASSWORD,
            UI_DELAY_BANNER,
            UI_REFRESH,
            UI_SESSION_LIFETIME,
            UI_MAX_FAILED_SIGN_INS,
            UI_LOCKOUT);

    static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            byName.put(key.name(), key);
        }
        return byName;
    }
}
