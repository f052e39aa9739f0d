-- Users of the web UI, their project memberships and their sign-in sessions, SQLite flavour. Same tables and columns
-- as db/migration/postgresql/V2__users.sql. Times are epoch milliseconds (INTEGER), flags 0 or 1.
-- The store deletes a user's memberships and sessions itself; ON DELETE CASCADE (foreign keys are enforced on every
-- connection) only backs that up.

CREATE TABLE users (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    username         TEXT    NOT NULL UNIQUE,
    password_hash    TEXT    NOT NULL,
    is_admin         INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     INTEGER
);

CREATE TABLE project_members (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    PRIMARY KEY (user_id, project_id)
) WITHOUT ROWID;

-- Only a hash of the session cookie is kept.
CREATE TABLE web_sessions (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires_at ON web_sessions (expires_at);
