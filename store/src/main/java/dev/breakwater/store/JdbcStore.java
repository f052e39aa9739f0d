package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SqliteStore} and {@link PostgresStore} share: every {@link Store} method in the SQL both engines
 * understand, on top of three engine hooks — a write transaction, a read connection, and which failures are
 * transient. Engines differ in connection handling, the event table ({@link EventTable}) and {@link #maintain}.
 *
 * <p>Thread-safe as long as the hooks are: writes are serialised or isolated by the engine, reads run on pooled
 * connections of their own.
 */
abstract class JdbcStore implements Store {
    private static final String ISSUES_FROM = " FROM issues i JOIN projects p ON p.id = i.project_id";
    private static final String USER_COLUMNS =
            "id, username, password_hash, is_admin, created_at, failed_sign_ins, locked_until";

    private final String engine;
    private final Clock clock;
    private final EventTable events;
    private final BatchWriter writer;
    private final long retentionMillis;

    JdbcStore(String engine, Clock clock, EventTable events, boolean bindArrays, int retentionDays) {
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
        this.writer = new BatchWriter(events, bindArrays);
        this.retentionMillis = retentionDays * 86_400_000L;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    abstract <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /** Runs {@code work} on a connection in auto-commit mode that never waits for the writer. */
    abstract <T> T onReader(SqlWork<T> work) throws SQLException;

    /** Whether retrying the operation that failed with {@code failure} can succeed. */
    abstract boolean isTransient(SQLException failure);

    final StoreException failure(String operation, SQLException e) {
        return new StoreException(engine + " store: " + operation + " failed: " + describe(e), isTransient(e), e);
    }

    /**
     * The database's own error, at most 1000 chars. A failed JDBC batch describes its first failing statement with
     * every bound value (whole event documents); the chained exception has just the error.
     */
    static String describe(SQLException e) {
        SQLException shown = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        return Sql.truncate(String.valueOf(shown.getMessage()), 1000);
    }

    final <T> T write(String operation, SqlWork<T> work) throws StoreException {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    final <T> T read(String operation, SqlWork<T> work) throws StoreException {
        try {
            return onReader(work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    final long now() {
        return clock.millis();
    }

    /** Receive times before this are past retention. */
    final long retentionCutoff(Instant now) {
        return now.toEpochMilli() - retentionMillis;
    }

    @Override
    public final String engine() {
        return engine;
    }

    @Override
    public void ping() throws StoreException {
        read("ping", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            return null;
        });
    }

    // ---- projects and keys

    @Override
    public ProjectRecord createProject(NewProject project) throws StoreException {
        requireNonNull(project, "project is null");
        return write("create project " + project.slug(), connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO projects (slug, name, created_at) VALUES (?, ?, ?) RETURNING id")) {
                statement.setString(1, project.slug());
                statement.setString(2, project.name());
                statement.setLong(3, project.createdAt().toEpochMilli());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO project_keys"
                    + " (project_id, public_key, rollbar_token, otlp_token) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, id);
                statement.setString(2, project.key().publicKey());
                statement.setString(3, project.key().rollbarToken());
                statement.setString(4, project.key().otlpToken());
                statement.executeUpdate();
            }
            return projects(connection, " WHERE id = ?", id).get(0);
        });
    }

    @Override
    public List<ProjectRecord> projects() throws StoreException {
        return read("list projects", connection -> projects(connection, "", null));
    }

    @Override
    public Optional<ProjectRecord> project(String slug) throws StoreException {
        requireNonNull(slug, "slug is null");
        return read("read project " + slug,
                connection -> projects(connection, " WHERE slug = ?", slug).stream().findFirst());
    }

    @Override
    public Optional<ProjectRecord> project(long id) throws StoreException {
        return read("read project " + id, connection -> projects(connection, " WHERE id = ?", id).stream().findFirst());
    }

    private static List<ProjectRecord> projects(Connection connection, String where, Object parameter)
            throws SQLException {
        Map<Long, List<ProjectKeyRecord>> keys = new HashMap<>();
        String keyWhere = where.isEmpty() ? "" : " WHERE project_id IN (SELECT id FROM projects" + where + ")";
        try (PreparedStatement statement = connection.prepareStatement("SELECT project_id, public_key, rollbar_token,"
                + " otlp_token FROM project_keys" + keyWhere + " ORDER BY id")) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                            .add(new ProjectKeyRecord(rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        List<ProjectRecord> projects = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, slug, name, created_at FROM projects" + where + " ORDER BY id")) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    projects.add(new ProjectRecord(id, rows.getString(2), rows.getString(3),
                            Instant.ofEpochMilli(rows.getLong(4)), keys.getOrDefault(id, List.of())));
                }
            }
        }
        return projects;
    }

    @Override
    public void createApiToken(long projectId, String tokenHash, String label, Instant createdAt)
            throws StoreException {
        requireNonNull(tokenHash, "tokenHash is null");
        requireNonNull(label, "label is null");
        requireNonNull(createdAt, "createdAt is null");
        write("create api token for project " + projectId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO api_tokens (token_hash, project_id, label, created_at) VALUES (?, ?, ?, ?)")) {
                statement.setString(1, tokenHash);
                statement.setLong(2, projectId);
                statement.setString(3, label);
                statement.setLong(4, createdAt.toEpochMilli());
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Long> apiTokenProject(String tokenHash) throws StoreException {
        requireNonNull(tokenHash, "tokenHash is null");
        return read("look up api token", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT project_id FROM api_tokens WHERE token_hash = ?")) {
                statement.setString(1, tokenHash);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    // ---- users, project membership and sign-in sessions

    /** Inserts with {@code ON CONFLICT (username) DO NOTHING}: no row written means the username is taken. */
    @Override
    public Optional<UserRecord> createUser(NewUser user) throws StoreException {
        requireNonNull(user, "user is null");
        return write("create user " + user.username(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO users (username,"
                    + " password_hash, is_admin, created_at, failed_sign_ins, locked_until)"
                    + " VALUES (?, ?, ?, ?, 0, NULL) ON CONFLICT (username) DO NOTHING")) {
                statement.setString(1, user.username());
                statement.setString(2, user.passwordHash());
                statement.setInt(3, user.admin() ? 1 : 0);
                statement.setLong(4, user.createdAt().toEpochMilli());
                if (statement.executeUpdate() == 0) {
                    return Optional.<UserRecord>empty();
                }
            }
            return users(connection, " WHERE username = ?", user.username()).stream().findFirst();
        });
    }

    @Override
    public List<UserRecord> users() throws StoreException {
        return read("list users", connection -> users(connection, "", null));
    }

    @Override
    public Optional<UserRecord> user(long userId) throws StoreException {
        return read("read user " + userId, connection -> users(connection, " WHERE id = ?", userId).stream().findFirst());
    }

    @Override
    public Optional<UserRecord> userByName(String username) throws StoreException {
        requireNonNull(username, "username is null");
        return read("read user " + username,
                connection -> users(connection, " WHERE username = ?", username).stream().findFirst());
    }

    /** Users matching {@code where} (empty, or with one parameter), by username. */
    private static List<UserRecord> users(Connection connection, String where, Object parameter) throws SQLException {
        List<UserRecord> users = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + USER_COLUMNS + " FROM users" + where + " ORDER BY username")) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    users.add(new UserRecord(rows.getLong("id"), rows.getString("username"),
                            rows.getString("password_hash"), rows.getInt("is_admin") != 0,
                            Sql.instant(rows, "created_at"), rows.getInt("failed_sign_ins"),
                            Sql.optionalInstant(rows, "locked_until")));
                }
            }
        }
        return users;
    }

    /** Deletes sessions and memberships explicitly rather than relying on {@code ON DELETE CASCADE}. */
    @Override
    public boolean deleteUser(long userId) throws StoreException {
        return write("delete user " + userId, connection -> {
            for (String table : List.of("web_sessions", "project_members")) {
                try (PreparedStatement statement =
                        connection.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    statement.setLong(1, userId);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
                statement.setLong(1, userId);
                return statement.executeUpdate() > 0;
            }
        });
    }

    /** An unknown user is ignored. */
    @Override
    public void setSignInState(long userId, int failedSignIns, Optional<Instant> lockedUntil) throws StoreException {
        requireNonNull(lockedUntil, "lockedUntil is null");
        write("set sign-in state of user " + userId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?")) {
                statement.setInt(1, failedSignIns);
                Sql.setLong(statement, 2, lockedUntil.map(Instant::toEpochMilli).orElse(null));
                statement.setLong(3, userId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** An unknown user or project fails (foreign key) when adding, and is ignored when removing. */
    @Override
    public void setMember(long userId, long projectId, boolean member) throws StoreException {
        write((member ? "add" : "remove") + " user " + userId + (member ? " to" : " from") + " project " + projectId,
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(member
                            ? "INSERT INTO project_members (user_id, project_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                            : "DELETE FROM project_members WHERE user_id = ? AND project_id = ?")) {
                        statement.setLong(1, userId);
                        statement.setLong(2, projectId);
                        statement.executeUpdate();
                    }
                    return null;
                });
    }

    /** In ascending order of project id. */
    @Override
    public Set<Long> memberProjects(long userId) throws StoreException {
        return read("list projects of user " + userId, connection -> {
            Set<Long> projects = new LinkedHashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT project_id FROM project_members WHERE user_id = ? ORDER BY project_id")) {
                statement.setLong(1, userId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        projects.add(rows.getLong(1));
                    }
                }
            }
            return projects;
        });
    }

    /** Fails (not transiently) when the token hash is already in use or the user does not exist. */
    @Override
    public void createSession(SessionRecord session) throws StoreException {
        requireNonNull(session, "session is null");
        write("create session for user " + session.userId(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO web_sessions"
                    + " (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, session.tokenHash());
                statement.setLong(2, session.userId());
                statement.setString(3, session.csrfToken());
                statement.setLong(4, session.createdAt().toEpochMilli());
                statement.setLong(5, session.expiresAt().toEpochMilli());
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> session(String tokenHash) throws StoreException {
        requireNonNull(tokenHash, "tokenHash is null");
        return read("look up session", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT token_hash, user_id, csrf_token,"
                    + " created_at, expires_at FROM web_sessions WHERE token_hash = ?")) {
                statement.setString(1, tokenHash);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<SessionRecord>empty();
                    }
                    return Optional.of(new SessionRecord(rows.getString("token_hash"), rows.getLong("user_id"),
                            rows.getString("csrf_token"), Sql.instant(rows, "created_at"),
                            Sql.instant(rows, "expires_at")));
                }
            }
        });
    }

    @Override
    public void deleteSession(String tokenHash) throws StoreException {
        requireNonNull(tokenHash, "tokenHash is null");
        write("delete session", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM web_sessions WHERE token_hash = ?")) {
                statement.setString(1, tokenHash);
                statement.executeUpdate();
            }
            return null;
        });
    }

    // ---- the pipeline's write side

    @Override
    public BatchOutcome apply(LaneBatch batch) throws StoreException {
        requireNonNull(batch, "batch is null");
        String operation = "apply batch of lane " + batch.lane() + " up to offset " + batch.nextOffset();
        try {
            events.prepare(batch);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
        return write(operation, connection -> writer.apply(connection, batch, now()));
    }

    @Override
    public Optional<LaneCheckpoint> checkpoint(String lane) throws StoreException {
        requireNonNull(lane, "lane is null");
        return read("read checkpoint of lane " + lane, connection -> {
            Map<String, NodeMark> nodes = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT node, last_seq, last_received_at FROM lane_node_marks WHERE lane = ? ORDER BY node")) {
                statement.setString(1, lane);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        nodes.put(rows.getString(1), new NodeMark(rows.getLong(2), rows.getLong(3)));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT next_offset, paused, updated_at FROM lane_checkpoints WHERE lane = ?")) {
                statement.setString(1, lane);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<LaneCheckpoint>empty();
                    }
                    return Optional.of(new LaneCheckpoint(lane, rows.getLong(1), nodes, rows.getInt(2) != 0,
                            Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
        });
    }

    @Override
    public void setPaused(String lane, boolean paused) throws StoreException {
        requireNonNull(lane, "lane is null");
        write((paused ? "pause" : "resume") + " lane " + lane, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(Sql.UPSERT_PAUSED)) {
                statement.setString(1, lane);
                statement.setInt(2, paused ? 1 : 0);
                statement.setLong(3, now());
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<QuarantinedRecord> quarantine(String lane, int limit) throws StoreException {
        requireNonNull(lane, "lane is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return read("list quarantine of lane " + lane, connection -> {
            List<QuarantinedRecord> records = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, quarantined_at, lane,"
                    + " spool_offset, project, node, seq, received_at, source, content_type, encoding, reason, body"
                    + " FROM quarantine WHERE lane = ? ORDER BY id LIMIT ?")) {
                statement.setString(1, lane);
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        records.add(new QuarantinedRecord(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
                                new QuarantineWrite(rows.getString(3), rows.getLong(4), rows.getString(5),
                                        rows.getString(6), rows.getLong(7), rows.getLong(8), rows.getString(9),
                                        rows.getString(10), rows.getString(11), rows.getString(12),
                                        rows.getBytes(13))));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public long quarantineCount(String lane) throws StoreException {
        requireNonNull(lane, "lane is null");
        return read("count quarantine of lane " + lane, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT count(*) FROM quarantine WHERE lane = ?")) {
                statement.setString(1, lane);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public void deleteQuarantined(String lane, List<Long> ids) throws StoreException {
        requireNonNull(lane, "lane is null");
        List<Long> copy = List.copyOf(ids);
        if (copy.isEmpty()) {
            return;
        }
        write("delete quarantined records of lane " + lane, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM quarantine WHERE lane = ? AND id = ?")) {
                for (long id : copy) {
                    statement.setString(1, lane);
                    statement.setLong(2, id);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    // ---- the read API

    @Override
    public Page<IssueRecord> issues(IssueQuery query) throws StoreException {
        requireNonNull(query, "query is null");
        String column = switch (query.sort()) {
            case LAST_SEEN -> "last_seen";
            case FIRST_SEEN -> "first_seen";
            case COUNT -> "count";
        };
        Optional<KeysetCursor> after = query.cursor().map(cursor -> KeysetCursor.decode(query.sort().wireName(), cursor));
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(Sql.ISSUE_COLUMNS).append(ISSUES_FROM)
                .append(" WHERE i.project_id = ?");
        parameters.add(query.projectId());
        query.status().ifPresent(status -> {
            sql.append(" AND i.status = ?");
            parameters.add(status.wireName());
        });
        query.text().filter(text -> !text.isBlank()).ifPresent(text -> {
            sql.append(" AND (lower(i.title) LIKE ? ESCAPE '!' OR lower(i.culprit) LIKE ? ESCAPE '!')");
            String pattern = "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        });
        query.environment().ifPresent(environment -> {
            sql.append(" AND EXISTS (SELECT 1 FROM issue_environments e WHERE e.issue_id = i.id AND e.environment = ?)");
            parameters.add(environment);
        });
        query.release().ifPresent(release -> {
            sql.append(" AND EXISTS (SELECT 1 FROM issue_releases r WHERE r.issue_id = i.id AND r.release = ?)");
            parameters.add(release);
        });
        after.ifPresent(cursor -> {
            sql.append(" AND (i.").append(column).append(" < ? OR (i.").append(column).append(" = ? AND i.id < ?))");
            parameters.add(cursor.value());
            parameters.add(cursor.value());
            parameters.add(cursor.keyAsLong());
        });
        sql.append(" ORDER BY i.").append(column).append(" DESC, i.id DESC LIMIT ?");
        parameters.add(query.limit() + 1);
        List<IssueRecord> issues = read("list issues of project " + query.projectId(), connection -> {
            List<IssueRecord> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(issue(rows));
                    }
                }
            }
            return found;
        });
        if (issues.size() <= query.limit()) {
            return new Page<>(issues, Optional.empty());
        }
        List<IssueRecord> page = issues.subList(0, query.limit());
        IssueRecord last = page.get(page.size() - 1);
        long value = switch (query.sort()) {
            case LAST_SEEN -> last.lastSeen().toEpochMilli();
            case FIRST_SEEN -> last.firstSeen().toEpochMilli();
            case COUNT -> last.count();
        };
        return new Page<>(page,
                Optional.of(new KeysetCursor(query.sort().wireName(), value, Long.toString(last.id())).encode()));
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public Optional<IssueRecord> issue(long issueId) throws StoreException {
        return read("read issue " + issueId, connection -> issue(connection, issueId));
    }

    private static Optional<IssueRecord> issue(Connection connection, long issueId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + Sql.ISSUE_COLUMNS + ISSUES_FROM + " WHERE i.id = ?")) {
            statement.setLong(1, issueId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(issue(rows)) : Optional.empty();
            }
        }
    }

    private static IssueRecord issue(ResultSet rows) throws SQLException {
        return new IssueRecord(rows.getLong("id"), rows.getLong("project_id"), rows.getString("slug"),
                rows.getString("fingerprint"), rows.getInt("grouping_version"), rows.getString("title"),
                rows.getString("culprit"), rows.getString("type"), rows.getString("level"),
                IssueStatus.fromWire(rows.getString("status")), rows.getLong("count"), rows.getLong("user_count"),
                Sql.instant(rows, "first_seen"), Sql.instant(rows, "last_seen"),
                Sql.optionalString(rows, "first_release"), Sql.optionalString(rows, "last_release"),
                Sql.optionalInstant(rows, "resolved_at"), Sql.optionalInstant(rows, "regressed_at"));
    }

    @Override
    public List<TimeCount> hourlyCounts(long issueId, Instant from, Instant to) throws StoreException {
        return counts("issue_counts_hour", issueId, from, to);
    }

    @Override
    public List<TimeCount> minuteCounts(long issueId, Instant from, Instant to) throws StoreException {
        return counts("issue_counts_minute", issueId, from, to);
    }

    private List<TimeCount> counts(String table, long issueId, Instant from, Instant to) throws StoreException {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        return read("read " + table + " of issue " + issueId, connection -> {
            List<TimeCount> counts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT bucket, count FROM " + table
                    + " WHERE issue_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket")) {
                statement.setLong(1, issueId);
                statement.setLong(2, from.toEpochMilli());
                statement.setLong(3, to.toEpochMilli());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.add(new TimeCount(Instant.ofEpochMilli(rows.getLong(1)), rows.getLong(2)));
                    }
                }
            }
            return counts;
        });
    }

    /** Resolving records {@code at}; any other status keeps the last resolution time. */
    @Override
    public Optional<IssueRecord> setIssueStatus(long issueId, IssueStatus status, Instant at) throws StoreException {
        requireNonNull(status, "status is null");
        requireNonNull(at, "at is null");
        return write("set status of issue " + issueId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE issues SET status = ?,"
                    + " resolved_at = CASE WHEN ? = 1 THEN ? ELSE resolved_at END WHERE id = ?")) {
                statement.setString(1, status.wireName());
                statement.setInt(2, status == IssueStatus.RESOLVED ? 1 : 0);
                statement.setLong(3, at.toEpochMilli());
                statement.setLong(4, issueId);
                if (statement.executeUpdate() == 0) {
                    return Optional.<IssueRecord>empty();
                }
            }
            return issue(connection, issueId);
        });
    }

    @Override
    public Page<EventSummary> eventsOfIssue(long issueId, Optional<String> cursor, int limit) throws StoreException {
        requireNonNull(cursor, "cursor is null");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        Optional<KeysetCursor> after = cursor.map(text -> KeysetCursor.decode("events", text));
        List<EventSummary> found = read("list events of issue " + issueId, connection -> {
            String sql = "SELECT " + Sql.EVENT_SUMMARY_COLUMNS + " FROM events WHERE issue_id = ?"
                    + (after.isPresent() ? " AND (received_at < ? OR (received_at = ? AND event_id < ?))" : "")
                    + " ORDER BY received_at DESC, event_id DESC LIMIT ?";
            List<EventSummary> summaries = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int p = 1;
                statement.setLong(p++, issueId);
                if (after.isPresent()) {
                    statement.setLong(p++, after.get().value());
                    statement.setLong(p++, after.get().value());
                    statement.setString(p++, after.get().key());
                }
                statement.setInt(p, limit + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        summaries.add(eventSummary(rows));
                    }
                }
            }
            return summaries;
        });
        if (found.size() <= limit) {
            return new Page<>(found, Optional.empty());
        }
        List<EventSummary> page = found.subList(0, limit);
        EventSummary last = page.get(limit - 1);
        return new Page<>(page, Optional.of(
                new KeysetCursor("events", last.receivedAt().toEpochMilli(), last.eventId()).encode()));
    }

    static EventSummary eventSummary(ResultSet rows) throws SQLException {
        return new EventSummary(rows.getString("event_id"), rows.getLong("project_id"), rows.getLong("issue_id"),
                Sql.instant(rows, "received_at"), Sql.instant(rows, "timestamp"), rows.getString("level"),
                rows.getString("message"), Sql.optionalString(rows, "release"), Sql.optionalString(rows, "environment"));
    }

    static StoredEvent storedEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(eventSummary(rows), rows.getBytes("document"), rows.getString("document_encoding"));
    }

    @Override
    public Optional<StoredEvent> event(String eventId) throws StoreException {
        requireNonNull(eventId, "eventId is null");
        return read("read event " + eventId, connection -> events.find(connection, eventId));
    }

    /** Newest release (by first sighting) first. */
    @Override
    public List<ReleaseRecord> releases(long projectId) throws StoreException {
        return read("list releases of project " + projectId, connection -> {
            List<ReleaseRecord> releases = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT version, first_seen, last_seen,"
                    + " event_count, last_deploy_at FROM releases WHERE project_id = ?"
                    + " ORDER BY first_seen DESC, version DESC")) {
                statement.setLong(1, projectId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        releases.add(new ReleaseRecord(projectId, rows.getString("version"),
                                Sql.instant(rows, "first_seen"), Sql.instant(rows, "last_seen"),
                                rows.getLong("event_count"), Sql.optionalInstant(rows, "last_deploy_at")));
                    }
                }
            }
            return releases;
        });
    }

    @Override
    public List<DeployRecord> deploys(long projectId) throws StoreException {
        return read("list deploys of project " + projectId, connection -> {
            List<DeployRecord> deploys = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, environment, revision,"
                    + " user_name, comment, status, deployed_at FROM deploys WHERE project_id = ?"
                    + " ORDER BY deployed_at DESC, id DESC")) {
                statement.setLong(1, projectId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        deploys.add(new DeployRecord(rows.getLong("id"), projectId, rows.getString("environment"),
                                rows.getString("revision"), Sql.optionalString(rows, "user_name"),
                                Sql.optionalString(rows, "comment"), Sql.optionalString(rows, "status"),
                                Sql.instant(rows, "deployed_at")));
                    }
                }
            }
            return deploys;
        });
    }

    // ---- housekeeping shared by both engines

    /** Deletes sign-in sessions that expired before {@code now}, {@code chunk} rows per write transaction. */
    final long deleteExpiredSessions(Instant now, int chunk) throws StoreException {
        return deleteOlderThan("web_sessions", "token_hash", "expires_at", now.toEpochMilli(), chunk);
    }

    /**
     * Deletes rows of {@code table} whose {@code timeColumn} is before {@code cutoff}, {@code chunk} rows per write
     * transaction so that the writer is never held for long.
     *
     * @param keyColumns a unique key of the table, e.g. {@code issue_id, bucket}
     * @return rows deleted
     */
    final long deleteOlderThan(String table, String keyColumns, String timeColumn, long cutoff, int chunk)
            throws StoreException {
        String sql = "DELETE FROM " + table + " WHERE (" + keyColumns + ") IN (SELECT " + keyColumns + " FROM " + table
                + " WHERE " + timeColumn + " < ? LIMIT " + chunk + ")";
        long total = 0;
        while (true) {
            int deleted = write("delete expired rows of " + table, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, cutoff);
                    return statement.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < chunk) {
                return total;
            }
        }
    }
}
