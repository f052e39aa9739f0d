-- Alerting (signals, rules, channels, alerts and their notification outbox) and the status page, SQLite flavour.
-- Same tables and columns as db/migration/postgresql/V3__alerting.sql. Times are epoch milliseconds (INTEGER), flags
-- 0 or 1. Lists of channel ids are comma-separated text ("3,7", "" for none): they are only ever read whole, and a
-- join table per list would cost a statement per alert change for nothing.

-- What the pipeline tells alerting, written in the transaction of the batch that caused it. AUTOINCREMENT, not a
-- plain rowid: ids never go back (a rowid may reuse the largest id after a delete), so a consumer's cursor holds;
-- with the single writer ids are handed out in commit order.
CREATE TABLE alert_signals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  INTEGER NOT NULL,
    issue_id    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    at          INTEGER NOT NULL
);

CREATE TABLE alert_cursors (
    name   TEXT    NOT NULL PRIMARY KEY,
    value  INTEGER NOT NULL
);

CREATE TABLE alert_rules (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES projects (id),
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    threshold       INTEGER NOT NULL,
    window_minutes  INTEGER NOT NULL,
    per_issue       INTEGER NOT NULL,
    level           TEXT,
    environment     TEXT,
    release         TEXT,
    channel_ids     TEXT    NOT NULL,
    enabled         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX alert_rules_project ON alert_rules (project_id, id);

CREATE TABLE notification_channels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- rule_id has no foreign key: deleting a rule keeps its past alerts. At most one alert per dedup key is not resolved
-- yet; the partial unique index makes a second one fail instead of notifying twice.
CREATE TABLE alerts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key         TEXT    NOT NULL,
    project_id        INTEGER REFERENCES projects (id),
    rule_id           INTEGER,
    title             TEXT    NOT NULL,
    details           TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    step              INTEGER NOT NULL,
    channel_ids       TEXT    NOT NULL,
    opened_at         INTEGER NOT NULL,
    acknowledged_at   INTEGER,
    snooze_until      INTEGER,
    resolved_at       INTEGER,
    last_notified_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX alerts_open_dedup_key ON alerts (dedup_key) WHERE state <> 'resolved';
CREATE INDEX alerts_opened_at ON alerts (opened_at, id);
CREATE INDEX alerts_state ON alerts (state, opened_at, id);

CREATE TABLE alert_history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id  INTEGER NOT NULL REFERENCES alerts (id),
    at        INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    message   TEXT    NOT NULL
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, at, id);

-- The outbox. channel_id has no foreign key: delivered and failed rows stay as history after their channel is deleted
-- (its pending ones are deleted with it). failed_at is when the delivery was given up, for failedDeliveriesSince.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id         INTEGER NOT NULL REFERENCES alerts (id),
    channel_id       INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    failed_at        INTEGER
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_alert ON deliveries (alert_id, created_at, id);
CREATE INDEX deliveries_channel ON deliveries (channel_id, state);

CREATE TABLE component_states (
    component  TEXT    NOT NULL PRIMARY KEY,
    status     TEXT    NOT NULL,
    since      INTEGER NOT NULL
);

-- At most one unresolved incident per component: the one its status changes update and resolve.
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    component    TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    opened_at    INTEGER NOT NULL,
    resolved_at  INTEGER
);
CREATE UNIQUE INDEX incidents_open_component ON incidents (component) WHERE resolved_at IS NULL;
CREATE INDEX incidents_opened_at ON incidents (opened_at, id);

CREATE TABLE incident_updates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    at           INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    operator     TEXT
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, at, id);
