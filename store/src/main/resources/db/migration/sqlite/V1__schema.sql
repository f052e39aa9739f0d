-- Breakwater schema, SQLite flavour. Same tables and columns as db/migration/postgresql/V1__schema.sql;
-- only types and the events table differ. Times are epoch milliseconds (INTEGER).

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE project_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id     INTEGER NOT NULL REFERENCES projects (id),
    public_key     TEXT    NOT NULL UNIQUE,
    rollbar_token  TEXT    NOT NULL UNIQUE,
    otlp_token     TEXT    NOT NULL UNIQUE
);
CREATE INDEX project_keys_project ON project_keys (project_id);

CREATE TABLE api_tokens (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    label       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE issues (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id        INTEGER NOT NULL REFERENCES projects (id),
    fingerprint       TEXT    NOT NULL,
    grouping_version  INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    culprit           TEXT    NOT NULL,
    type              TEXT    NOT NULL,
    level             TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    count             INTEGER NOT NULL,
    user_count        INTEGER NOT NULL,
    first_seen        INTEGER NOT NULL,
    last_seen         INTEGER NOT NULL,
    first_release     TEXT,
    last_release      TEXT,
    resolved_at       INTEGER,
    regressed_at      INTEGER,
    UNIQUE (project_id, fingerprint)
);
CREATE INDEX issues_last_seen ON issues (project_id, last_seen, id);
CREATE INDEX issues_first_seen ON issues (project_id, first_seen, id);
CREATE INDEX issues_count ON issues (project_id, count, id);

CREATE TABLE issue_environments (
    issue_id     INTEGER NOT NULL REFERENCES issues (id),
    environment  TEXT    NOT NULL,
    PRIMARY KEY (issue_id, environment)
) WITHOUT ROWID;

CREATE TABLE issue_releases (
    issue_id  INTEGER NOT NULL REFERENCES issues (id),
    release   TEXT    NOT NULL,
    PRIMARY KEY (issue_id, release)
) WITHOUT ROWID;

CREATE TABLE issue_users (
    issue_id  INTEGER NOT NULL REFERENCES issues (id),
    user_key  TEXT    NOT NULL,
    PRIMARY KEY (issue_id, user_key)
) WITHOUT ROWID;

-- No foreign key to issues here: it would cost an index probe per inserted event.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    project_id         INTEGER NOT NULL,
    event_id           TEXT    NOT NULL,
    issue_id           INTEGER NOT NULL,
    received_at        INTEGER NOT NULL,
    timestamp          INTEGER NOT NULL,
    level              TEXT    NOT NULL,
    message            TEXT    NOT NULL,
    release            TEXT,
    environment        TEXT,
    document           BLOB    NOT NULL,
    document_encoding  TEXT    NOT NULL
);
-- event_id first: Store.event(eventId) looks events up without a project.
CREATE UNIQUE INDEX events_event_id ON events (event_id, project_id);
CREATE INDEX events_issue ON events (issue_id, received_at, event_id);
CREATE INDEX events_received_at ON events (received_at);

CREATE TABLE issue_counts_minute (
    issue_id  INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (issue_id, bucket)
) WITHOUT ROWID;
CREATE INDEX issue_counts_minute_bucket ON issue_counts_minute (bucket);

CREATE TABLE issue_counts_hour (
    issue_id  INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (issue_id, bucket)
) WITHOUT ROWID;
CREATE INDEX issue_counts_hour_bucket ON issue_counts_hour (bucket);

CREATE TABLE releases (
    project_id      INTEGER NOT NULL REFERENCES projects (id),
    version         TEXT    NOT NULL,
    first_seen      INTEGER NOT NULL,
    last_seen       INTEGER NOT NULL,
    event_count     INTEGER NOT NULL,
    last_deploy_at  INTEGER,
    PRIMARY KEY (project_id, version)
);

CREATE TABLE deploys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES projects (id),
    deploy_key   TEXT    NOT NULL UNIQUE,
    environment  TEXT    NOT NULL,
    revision     TEXT    NOT NULL,
    user_name    TEXT,
    comment      TEXT,
    status       TEXT,
    deployed_at  INTEGER NOT NULL
);
CREATE INDEX deploys_project ON deploys (project_id, deployed_at, id);

CREATE TABLE lane_checkpoints (
    lane         TEXT    NOT NULL PRIMARY KEY,
    next_offset  INTEGER NOT NULL,
    paused       INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE lane_node_marks (
    lane              TEXT    NOT NULL,
    node              TEXT    NOT NULL,
    last_seq          INTEGER NOT NULL,
    last_received_at  INTEGER NOT NULL,
    PRIMARY KEY (lane, node)
);

CREATE TABLE quarantine (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lane            TEXT    NOT NULL,
    spool_offset    INTEGER NOT NULL,
    project         TEXT    NOT NULL,
    node            TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    received_at     INTEGER NOT NULL,
    source          TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    encoding        TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    body            BLOB    NOT NULL,
    quarantined_at  INTEGER NOT NULL,
    UNIQUE (lane, spool_offset)
);
