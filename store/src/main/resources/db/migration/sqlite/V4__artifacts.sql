-- Uploaded artifacts (Rollbar source maps and ProGuard mappings), SQLite flavour. Same table and columns as
-- db/migration/postgresql/V4__artifacts.sql. Times are epoch milliseconds.
--
-- One row per (project, kind, version, name): a newer upload of the same name for the same release replaces the
-- older one. source_node and source_seq name the spool record the row came from (its ingest node and sequence
-- number, as deploys are keyed): a record applied again finds its own row, or a newer one, and changes nothing.
CREATE TABLE artifacts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES projects (id),
    kind         TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    source_node  TEXT    NOT NULL,
    source_seq   INTEGER NOT NULL,
    UNIQUE (project_id, kind, version, name),
    UNIQUE (source_node, source_seq)
);
