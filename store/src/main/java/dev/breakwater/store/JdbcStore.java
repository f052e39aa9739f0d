package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
    private static final String ALERT_RULE_COLUMNS = "id, project_id, name, kind, threshold, window_minutes,"
            + " per_issue, level, environment, release, channel_ids, enabled, created_at";
    private static final String CHANNEL_COLUMNS = "id, name, kind, target, secret, created_at, enabled";
    /** Every column of {@code alerts} but its id, in the order {@link #bindAlert} binds them. */
    private static final String ALERT_VALUES = "dedup_key, project_id, rule_id, title, details, state, step,"
            + " channel_ids, opened_at, acknowledged_at, snooze_until, resolved_at, last_notified_at";
    private static final int ALERT_VALUE_COUNT = 13;
    private static final String ALERT_COLUMNS = "id, " + ALERT_VALUES;
    private static final String DELIVERY_COLUMNS = "id, alert_id, channel_id, kind, payload, state, attempts,"
            + " next_attempt_at, last_error, created_at, delivered_at";
    /** Longest delivery error kept. */
    static final int MAX_ERROR_CHARS = 2000;
    /** Who may record a delivery's outcome: the lease holder, or anyone while no one holds it. */
    private static final String OUTCOME_BY_HOLDER = " AND (claimed_by IS NULL OR claimed_by = ?)";
    private static final String RESOLVED_INCIDENT = "resolved";

    private final String engine;
    private final Clock clock;
    private final EventTable events;
    private final BatchWriter writer;
    private final KnownIssueValues knownIssueValues = new KnownIssueValues();
    private final long retentionMillis;

    /** {@code bindArrays} and {@code lockSignals} configure the {@link BatchWriter}; see its constructor. */
    JdbcStore(String engine, Clock clock, EventTable events, boolean bindArrays, boolean lockSignals,
            int retentionDays) {
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
        this.writer = new BatchWriter(events, bindArrays, lockSignals);
        this.retentionMillis = retentionDays * 86_400_000L;
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    abstract <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /** The prepared statements the pipeline's batches use on {@code connection}; fresh ones unless an engine keeps them. */
    Statements statements(Connection connection) {
        return Statements.fresh(connection);
    }

    /** Runs {@code work} on a connection in auto-commit mode that never waits for the writer. */
    abstract <T> T onReader(SqlWork<T> work) throws SQLException;

    /** Whether retrying the operation that failed with {@code failure} can succeed. */
    abstract boolean isTransient(SQLException failure);

    /**
     * What a claiming subquery ends with so that rows another transaction is claiming are skipped rather than waited
     * for or claimed twice: {@code FOR UPDATE SKIP LOCKED} where writers run concurrently, empty with a single writer.
     */
    abstract String skipLocked();

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

    /**
     * The HikariCP pool's figures, read from its pool bean without JMX registration; empty when the pool is closed or
     * not started.
     */
    static Optional<PoolStats> poolStats(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (bean == null) {
            return Optional.empty();
        }
        return Optional.of(new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getTotalConnections(), pool.getMaximumPoolSize(), bean.getThreadsAwaitingConnection()));
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
        BatchWriter.Applied applied = write(operation, connection -> {
            try (Statements statements = statements(connection)) {
                return writer.apply(statements, batch, now(), knownIssueValues);
            }
        });
        knownIssueValues.remember(applied.issueValues()); // committed: see KnownIssueValues
        return applied.outcome();
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

    @Override
    public List<ArtifactRecord> artifacts(long projectId) throws StoreException {
        return read("list artifacts of project " + projectId, connection -> {
            List<ArtifactRecord> artifacts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, kind, version, name, size,"
                    + " sha256, created_at FROM artifacts WHERE project_id = ? ORDER BY created_at DESC, id DESC")) {
                statement.setLong(1, projectId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        artifacts.add(new ArtifactRecord(rows.getLong("id"), projectId, rows.getString("kind"),
                                rows.getString("version"), rows.getString("name"), rows.getLong("size"),
                                rows.getString("sha256"), Sql.instant(rows, "created_at")));
                    }
                }
            }
            return artifacts;
        });
    }

    @Override
    public Optional<byte[]> artifactContent(long artifactId) throws StoreException {
        return read("read artifact " + artifactId, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT content FROM artifacts WHERE id = ?")) {
                statement.setLong(1, artifactId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes("content")) : Optional.<byte[]>empty();
                }
            }
        });
    }

    // ---- alerting: signals, rules, channels, alerts and their outbox

    @Override
    public List<AlertSignal> signalsAfter(long afterId, int limit) throws StoreException {
        requireLimit(limit);
        return read("read alert signals after " + afterId, connection -> select(connection,
                "SELECT id, project_id, issue_id, kind, at FROM alert_signals WHERE id > ? ORDER BY id LIMIT ?",
                rows -> new AlertSignal(rows.getLong("id"), rows.getLong("project_id"), rows.getLong("issue_id"),
                        rows.getString("kind"), Sql.instant(rows, "at")),
                afterId, limit));
    }

    @Override
    public long alertCursor(String name) throws StoreException {
        requireNonNull(name, "name is null");
        return read("read alert cursor " + name, connection -> select(connection,
                "SELECT value FROM alert_cursors WHERE name = ?", rows -> rows.getLong(1), name)
                .stream().findFirst().orElse(0L));
    }

    @Override
    public void setAlertCursor(String name, long value) throws StoreException {
        requireNonNull(name, "name is null");
        write("set alert cursor " + name, connection -> update(connection, "INSERT INTO alert_cursors (name, value)"
                + " VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value));
    }

    /**
     * Per issue this reads the issue's index range; per project the receive-time range of every project (SQLite's
     * {@code events_received_at}; PostgreSQL reads only the partitions of the window's days).
     */
    @Override
    public long countEvents(long projectId, Optional<Long> issueId, Optional<String> environment, Instant since)
            throws StoreException {
        requireNonNull(issueId, "issueId is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(since, "since is null");
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM events WHERE project_id = ? AND received_at >= ?");
        List<Object> parameters = new ArrayList<>(List.of(projectId, since.toEpochMilli()));
        issueId.ifPresent(id -> {
            sql.append(" AND issue_id = ?");
            parameters.add(id);
        });
        environment.ifPresent(name -> {
            sql.append(" AND environment = ?");
            parameters.add(name);
        });
        return read("count events of project " + projectId,
                connection -> select(connection, sql.toString(), rows -> rows.getLong(1), parameters.toArray()).get(0));
    }

    /** A new rule is enabled. */
    @Override
    public AlertRuleRecord createAlertRule(NewAlertRule rule) throws StoreException {
        requireNonNull(rule, "rule is null");
        return write("create alert rule " + rule.name() + " of project " + rule.projectId(), connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO alert_rules (project_id, name,"
                    + " kind, threshold, window_minutes, per_issue, level, environment, release, channel_ids, enabled,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id")) {
                statement.setLong(1, rule.projectId());
                statement.setString(2, rule.name());
                statement.setString(3, rule.kind());
                statement.setInt(4, rule.threshold());
                statement.setInt(5, rule.windowMinutes());
                statement.setInt(6, rule.perIssue() ? 1 : 0);
                Sql.setString(statement, 7, rule.level());
                Sql.setString(statement, 8, rule.environment());
                Sql.setString(statement, 9, rule.release());
                statement.setString(10, Sql.joinIds(rule.channelIds()));
                statement.setLong(11, rule.createdAt().toEpochMilli());
                id = returnedId(statement);
            }
            return select(connection, "SELECT " + ALERT_RULE_COLUMNS + " FROM alert_rules WHERE id = ?",
                    JdbcStore::alertRule, id).get(0);
        });
    }

    @Override
    public List<AlertRuleRecord> alertRules(Optional<Long> projectId) throws StoreException {
        requireNonNull(projectId, "projectId is null");
        return read("list alert rules", connection -> projectId.isPresent()
                ? select(connection, "SELECT " + ALERT_RULE_COLUMNS + " FROM alert_rules WHERE project_id = ?"
                        + " ORDER BY id", JdbcStore::alertRule, projectId.get())
                : select(connection, "SELECT " + ALERT_RULE_COLUMNS + " FROM alert_rules ORDER BY id",
                        JdbcStore::alertRule));
    }

    private static AlertRuleRecord alertRule(ResultSet rows) throws SQLException {
        return new AlertRuleRecord(rows.getLong("id"), rows.getLong("project_id"), rows.getString("name"),
                rows.getString("kind"), rows.getInt("threshold"), rows.getInt("window_minutes"),
                rows.getInt("per_issue") != 0, Sql.optionalString(rows, "level"),
                Sql.optionalString(rows, "environment"), Sql.optionalString(rows, "release"),
                Sql.splitIds(rows.getString("channel_ids")), rows.getInt("enabled") != 0,
                Sql.instant(rows, "created_at"));
    }

    @Override
    public boolean deleteAlertRule(long ruleId) throws StoreException {
        return write("delete alert rule " + ruleId,
                connection -> update(connection, "DELETE FROM alert_rules WHERE id = ?", ruleId) > 0);
    }

    @Override
    public Optional<AlertRuleRecord> setAlertRuleEnabled(long ruleId, boolean enabled) throws StoreException {
        return write((enabled ? "enable" : "disable") + " alert rule " + ruleId, connection -> {
            update(connection, "UPDATE alert_rules SET enabled = ? WHERE id = ?", enabled ? 1 : 0, ruleId);
            return select(connection, "SELECT " + ALERT_RULE_COLUMNS + " FROM alert_rules WHERE id = ?",
                    JdbcStore::alertRule, ruleId).stream().findFirst();
        });
    }

    @Override
    public ChannelRecord createChannel(NewChannel channel) throws StoreException {
        requireNonNull(channel, "channel is null");
        return write("create channel " + channel.name(), connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO notification_channels"
                    + " (name, kind, target, secret, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                statement.setString(1, channel.name());
                statement.setString(2, channel.kind());
                statement.setString(3, channel.target());
                statement.setString(4, channel.secret());
                statement.setLong(5, channel.createdAt().toEpochMilli());
                id = returnedId(statement);
            }
            return select(connection, "SELECT " + CHANNEL_COLUMNS + " FROM notification_channels WHERE id = ?",
                    JdbcStore::channel, id).get(0);
        });
    }

    @Override
    public List<ChannelRecord> channels() throws StoreException {
        return read("list channels", connection -> select(connection,
                "SELECT " + CHANNEL_COLUMNS + " FROM notification_channels ORDER BY id", JdbcStore::channel));
    }

    private static ChannelRecord channel(ResultSet rows) throws SQLException {
        return new ChannelRecord(rows.getLong("id"), rows.getString("name"), rows.getString("kind"),
                rows.getString("target"), rows.getString("secret"), Sql.instant(rows, "created_at"),
                rows.getInt("enabled") != 0);
    }

    /**
     * Also takes the channel out of every rule's and every unresolved alert's channel list, so that nothing queues
     * deliveries to it any more; its delivered, failed and now cancelled deliveries stay as history.
     */
    @Override
    public boolean deleteChannel(long channelId) throws StoreException {
        return write("delete channel " + channelId, connection -> {
            cancelPending(connection, channelId, "cancelled: the channel was deleted");
            removeChannel(connection, "alert_rules", "", channelId);
            removeChannel(connection, "alerts", " AND state <> 'resolved'", channelId);
            return update(connection, "DELETE FROM notification_channels WHERE id = ?", channelId) > 0;
        });
    }

    @Override
    public Optional<ChannelRecord> setChannelEnabled(long channelId, boolean enabled) throws StoreException {
        return write((enabled ? "enable" : "disable") + " channel " + channelId, connection -> {
            if (update(connection, "UPDATE notification_channels SET enabled = ? WHERE id = ?", enabled ? 1 : 0,
                    channelId) > 0 && !enabled) {
                cancelPending(connection, channelId, "cancelled: the channel was disabled");
            }
            return select(connection, "SELECT " + CHANNEL_COLUMNS + " FROM notification_channels WHERE id = ?",
                    JdbcStore::channel, channelId).stream().findFirst();
        });
    }

    /** A cancelled delivery is never sent; it stays, with the reason, in its alert's deliveries. */
    private static void cancelPending(Connection connection, long channelId, String reason) throws SQLException {
        update(connection, "UPDATE deliveries SET state = 'cancelled', last_error = ?, claimed_by = NULL,"
                + " claimed_until = NULL WHERE channel_id = ? AND state = 'pending'", reason, channelId);
    }

    private record ChannelList(long id, List<Long> channelIds) {}

    /** Lists are short and rules and open alerts few: filtering in Java beats matching ids inside the text in SQL. */
    private static void removeChannel(Connection connection, String table, String where, long channelId)
            throws SQLException {
        List<ChannelList> lists = select(connection, "SELECT id, channel_ids FROM " + table
                + " WHERE channel_ids <> ''" + where, rows -> new ChannelList(rows.getLong(1),
                        Sql.splitIds(rows.getString(2))));
        for (ChannelList list : lists) {
            if (list.channelIds().contains(channelId)) {
                List<Long> kept = list.channelIds().stream().filter(id -> id != channelId).toList();
                update(connection, "UPDATE " + table + " SET channel_ids = ? WHERE id = ?", Sql.joinIds(kept),
                        list.id());
            }
        }
    }

    @Override
    public Optional<AlertRecord> openAlert(String dedupKey) throws StoreException {
        requireNonNull(dedupKey, "dedupKey is null");
        // the predicate of the partial unique index, so that both engines can use it
        return read("read open alert " + dedupKey, connection -> select(connection, "SELECT " + ALERT_COLUMNS
                + " FROM alerts WHERE dedup_key = ? AND state <> 'resolved'", JdbcStore::alert, dedupKey)
                .stream().findFirst());
    }

    @Override
    public Optional<AlertRecord> alert(long alertId) throws StoreException {
        return read("read alert " + alertId, connection -> alert(connection, alertId));
    }

    private static Optional<AlertRecord> alert(Connection connection, long alertId) throws SQLException {
        return select(connection, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?", JdbcStore::alert, alertId)
                .stream().findFirst();
    }

    /** Newest by opening time. */
    @Override
    public List<AlertRecord> alerts(Optional<String> state, int limit) throws StoreException {
        requireNonNull(state, "state is null");
        requireLimit(limit);
        return read("list alerts", connection -> state.isPresent()
                ? select(connection, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE state = ?"
                        + " ORDER BY opened_at DESC, id DESC LIMIT ?", JdbcStore::alert, state.get(), limit)
                : select(connection, "SELECT " + ALERT_COLUMNS + " FROM alerts ORDER BY opened_at DESC, id DESC"
                        + " LIMIT ?", JdbcStore::alert, limit));
    }

    private static AlertRecord alert(ResultSet rows) throws SQLException {
        return new AlertRecord(rows.getLong("id"), rows.getString("dedup_key"), Sql.optionalLong(rows, "project_id"),
                Sql.optionalLong(rows, "rule_id"), rows.getString("title"), rows.getString("details"),
                rows.getString("state"), rows.getInt("step"), Sql.splitIds(rows.getString("channel_ids")),
                Sql.instant(rows, "opened_at"), Sql.optionalInstant(rows, "acknowledged_at"),
                Sql.optionalInstant(rows, "snooze_until"), Sql.optionalInstant(rows, "resolved_at"),
                Sql.instant(rows, "last_notified_at"));
    }

    @Override
    public List<AlertHistoryEntry> alertHistory(long alertId) throws StoreException {
        return read("read history of alert " + alertId, connection -> select(connection, "SELECT id, alert_id, at,"
                + " kind, message FROM alert_history WHERE alert_id = ? ORDER BY at, id",
                rows -> new AlertHistoryEntry(rows.getLong("id"), rows.getLong("alert_id"), Sql.instant(rows, "at"),
                        rows.getString("kind"), rows.getString("message")),
                alertId));
    }

    @Override
    public void addAlertHistory(long alertId, Instant at, String kind, String message) throws StoreException {
        requireNonNull(at, "at is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        write("add " + kind + " to the history of alert " + alertId, connection -> {
            insertHistory(connection, alertId, at.toEpochMilli(), kind, message);
            return null;
        });
    }

    /**
     * A change's deliveries are created at its time, which is the alert's {@code last_notified_at}. The open states by
     * name, so that {@code alerts_state} finds them among however many resolved alerts.
     */
    @Override
    public List<AlertRecord> unnotifiedAlerts(int limit) throws StoreException {
        requireLimit(limit);
        return read("list unnotified alerts", connection -> select(connection, "SELECT " + ALERT_COLUMNS
                + " FROM alerts a WHERE state IN ('firing', 'acknowledged') AND NOT EXISTS (SELECT 1 FROM deliveries d"
                + " WHERE d.alert_id = a.id AND d.created_at >= a.last_notified_at AND d.state <> 'cancelled')"
                + " ORDER BY opened_at, id LIMIT ?", JdbcStore::alert, limit));
    }

    /**
     * The deliveries are queued pending, due at once ({@code change.at()}). Updating an alert that does not exist
     * fails (not transiently), as does any change that would leave two unresolved alerts with one dedup key.
     */
    @Override
    public AlertRecord applyAlertChange(AlertChange change) throws StoreException {
        requireNonNull(change, "change is null");
        AlertRecord alert = change.alert();
        long at = change.at().toEpochMilli();
        return write("apply " + change.historyKind() + " to alert " + alert.dedupKey(), connection -> {
            long id;
            if (alert.id() == 0) {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO alerts (" + ALERT_VALUES
                        + ") VALUES (" + Sql.marks(ALERT_VALUE_COUNT) + ") RETURNING id")) {
                    bindAlert(statement, alert);
                    id = returnedId(statement);
                }
            } else {
                id = alert.id();
                try (PreparedStatement statement = connection.prepareStatement("UPDATE alerts SET "
                        + ALERT_VALUES.replace(",", " = ?,") + " = ? WHERE id = ?")) {
                    statement.setLong(bindAlert(statement, alert), id);
                    if (statement.executeUpdate() == 0) {
                        throw new SQLException("there is no alert " + id);
                    }
                }
            }
            insertHistory(connection, id, at, change.historyKind(), change.historyMessage());
            try (Statements statements = Statements.fresh(connection)) {
                Sql.insertRows(statements, "INSERT INTO deliveries (alert_id, channel_id, kind, payload, state,"
                        + " attempts, next_attempt_at, last_error, created_at, delivered_at, failed_at) VALUES ",
                        "(?, ?, ?, ?, 'pending', 0, ?, NULL, ?, NULL, NULL)", "", change.deliveries(),
                        (statement, index, delivery) -> {
                            statement.setLong(index, id);
                            statement.setLong(index + 1, delivery.channelId());
                            statement.setString(index + 2, delivery.kind());
                            statement.setString(index + 3, delivery.payload());
                            statement.setLong(index + 4, at);
                            statement.setLong(index + 5, at);
                            return index + 6;
                        }, null);
            }
            return alert(connection, id).orElseThrow();
        });
    }

    /** Binds {@link #ALERT_VALUES} from 1; returns the next index. */
    private static int bindAlert(PreparedStatement statement, AlertRecord alert) throws SQLException {
        statement.setString(1, alert.dedupKey());
        Sql.setLong(statement, 2, alert.projectId().orElse(null));
        Sql.setLong(statement, 3, alert.ruleId().orElse(null));
        statement.setString(4, alert.title());
        statement.setString(5, alert.details());
        statement.setString(6, alert.state());
        statement.setInt(7, alert.step());
        statement.setString(8, Sql.joinIds(alert.channelIds()));
        statement.setLong(9, alert.openedAt().toEpochMilli());
        Sql.setLong(statement, 10, Sql.millis(alert.acknowledgedAt()));
        Sql.setLong(statement, 11, Sql.millis(alert.snoozeUntil()));
        Sql.setLong(statement, 12, Sql.millis(alert.resolvedAt()));
        statement.setLong(13, alert.lastNotifiedAt().toEpochMilli());
        return ALERT_VALUE_COUNT + 1;
    }

    private static void insertHistory(Connection connection, long alertId, long at, String kind, String message)
            throws SQLException {
        update(connection, "INSERT INTO alert_history (alert_id, at, kind, message) VALUES (?, ?, ?, ?)", alertId, at,
                kind, message);
    }

    @Override
    public List<DeliveryRecord> dueDeliveries(Instant now, int limit) throws StoreException {
        requireNonNull(now, "now is null");
        requireLimit(limit);
        return read("list due deliveries", connection -> select(connection, "SELECT " + DELIVERY_COLUMNS
                + " FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at, id LIMIT ?",
                JdbcStore::delivery, now.toEpochMilli(), now.toEpochMilli(), limit));
    }

    /**
     * One statement: the subquery picks (and on PostgreSQL locks, skipping rows locked by a concurrent claim) the
     * deliveries still claimable, the update leases them. A concurrent claim that committed first has moved
     * {@code claimed_until} past {@code now}, which the locking read sees when it re-checks the row.
     */
    @Override
    public List<DeliveryRecord> claimDeliveries(List<Long> deliveryIds, String claimer, Instant now, Instant until)
            throws StoreException {
        requireNonNull(claimer, "claimer is null");
        requireNonNull(now, "now is null");
        requireNonNull(until, "until is null");
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        String ids = String.join(", ", Collections.nCopies(deliveryIds.size(), "?"));
        List<Object> parameters = new ArrayList<>(List.of(claimer, until.toEpochMilli()));
        parameters.addAll(deliveryIds);
        parameters.add(now.toEpochMilli());
        parameters.add(now.toEpochMilli());
        List<DeliveryRecord> claimed = write("claim deliveries", connection -> select(connection,
                "UPDATE deliveries SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM deliveries"
                        + " WHERE id IN (" + ids + ") AND state = 'pending' AND next_attempt_at <= ?"
                        + " AND (claimed_until IS NULL OR claimed_until <= ?)" + skipLocked() + ")"
                        + " RETURNING " + DELIVERY_COLUMNS, JdbcStore::delivery, parameters.toArray()));
        List<DeliveryRecord> sorted = new ArrayList<>(claimed);
        sorted.sort(Comparator.comparing(DeliveryRecord::nextAttemptAt)
                .thenComparingLong(DeliveryRecord::id));
        return sorted;
    }

    @Override
    public boolean extendClaim(long deliveryId, String claimer, Instant until) throws StoreException {
        requireNonNull(claimer, "claimer is null");
        requireNonNull(until, "until is null");
        return write("extend the claim on delivery " + deliveryId, connection -> update(connection,
                "UPDATE deliveries SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND state = 'pending'",
                until.toEpochMilli(), deliveryId, claimer) > 0);
    }

    @Override
    public void releaseClaims(List<Long> deliveryIds, String claimer) throws StoreException {
        requireNonNull(claimer, "claimer is null");
        if (deliveryIds.isEmpty()) {
            return;
        }
        String ids = String.join(", ", Collections.nCopies(deliveryIds.size(), "?"));
        List<Object> parameters = new ArrayList<>(deliveryIds);
        parameters.add(claimer);
        write("release claims", connection -> update(connection, "UPDATE deliveries SET claimed_by = NULL,"
                + " claimed_until = NULL WHERE id IN (" + ids + ") AND claimed_by = ?", parameters.toArray()));
    }

    @Override
    public List<DeliveryRecord> deliveries(long alertId) throws StoreException {
        return read("list deliveries of alert " + alertId, connection -> select(connection, "SELECT "
                + DELIVERY_COLUMNS + " FROM deliveries WHERE alert_id = ? ORDER BY created_at, id",
                JdbcStore::delivery, alertId));
    }

    private static DeliveryRecord delivery(ResultSet rows) throws SQLException {
        return new DeliveryRecord(rows.getLong("id"), rows.getLong("alert_id"), rows.getLong("channel_id"),
                rows.getString("kind"), rows.getString("payload"), rows.getString("state"), rows.getInt("attempts"),
                Sql.instant(rows, "next_attempt_at"), Sql.optionalString(rows, "last_error"),
                Sql.instant(rows, "created_at"), Sql.optionalInstant(rows, "delivered_at"));
    }

    /**
     * Only a pending delivery changes: one deleted with its channel meanwhile is ignored. The error of an earlier
     * failed attempt, if any, is kept.
     */
    @Override
    public boolean deliverySucceeded(long deliveryId, String claimer, int attempts, Instant at)
            throws StoreException {
        requireNonNull(claimer, "claimer is null");
        requireNonNull(at, "at is null");
        return write("mark delivery " + deliveryId + " delivered", connection -> update(connection, "UPDATE deliveries"
                + " SET state = 'delivered', attempts = ?, delivered_at = ?, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = ? AND state = 'pending'" + OUTCOME_BY_HOLDER,
                attempts, at.toEpochMilli(), deliveryId, claimer)) > 0;
    }

    /**
     * Only a pending delivery changes: one deleted with its channel meanwhile is ignored, and so is one already given
     * up. The error is kept to at most {@value #MAX_ERROR_CHARS} chars (it may quote a whole response).
     */
    @Override
    public boolean deliveryFailed(long deliveryId, String claimer, int attempts, String error,
            Optional<Instant> retryAt, Instant at) throws StoreException {
        requireNonNull(claimer, "claimer is null");
        requireNonNull(error, "error is null");
        requireNonNull(retryAt, "retryAt is null");
        requireNonNull(at, "at is null");
        String kept = Sql.truncate(error, MAX_ERROR_CHARS);
        return write("record failed delivery " + deliveryId, connection -> {
            if (retryAt.isPresent()) {
                return update(connection, "UPDATE deliveries SET attempts = ?, last_error = ?, next_attempt_at = ?,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = 'pending'"
                        + OUTCOME_BY_HOLDER, attempts, kept, retryAt.get().toEpochMilli(), deliveryId, claimer);
            }
            List<long[]> givenUp = select(connection, "UPDATE deliveries SET state = 'failed', attempts = ?,"
                    + " last_error = ?, failed_at = ?, claimed_by = NULL, claimed_until = NULL"
                    + " WHERE id = ? AND state = 'pending'" + OUTCOME_BY_HOLDER
                    + " RETURNING alert_id, channel_id",
                    rows -> new long[] {rows.getLong(1), rows.getLong(2)}, attempts, kept, at.toEpochMilli(),
                    deliveryId, claimer);
            for (long[] delivery : givenUp) {
                insertHistory(connection, delivery[0], at.toEpochMilli(), AlertHistoryEntry.DELIVERY_FAILED,
                        "gave up on channel " + delivery[1] + " after " + attempts + " attempts: " + kept);
            }
            return givenUp.size();
        }) > 0;
    }

    @Override
    public long failedDeliveriesSince(Instant since) throws StoreException {
        requireNonNull(since, "since is null");
        return read("count failed deliveries", connection -> select(connection,
                "SELECT count(*) FROM deliveries WHERE state = 'failed' AND failed_at >= ?", rows -> rows.getLong(1),
                since.toEpochMilli()).get(0));
    }

    @Override
    public Optional<Instant> oldestPendingDelivery() throws StoreException {
        return read("find the oldest pending delivery", connection -> select(connection,
                "SELECT min(created_at) FROM deliveries WHERE state = 'pending'",
                rows -> rows.getObject(1) == null ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(rows.getLong(1)))))
                .get(0);
    }

    // ---- alerting's retention

    @Override
    public long pruneAlerting(Instant before, int chunk) throws StoreException {
        requireNonNull(before, "before is null");
        requireLimit(chunk);
        long cutoff = before.toEpochMilli();
        long signalsConsumed = read("read the alert cursors", connection -> select(connection,
                "SELECT min(value) FROM alert_cursors", rows -> rows.getLong(1)).get(0));
        long deleted = pruneChunks("alert_signals", "DELETE FROM alert_signals WHERE id IN (SELECT id FROM"
                + " alert_signals WHERE id <= ? AND at < ? ORDER BY id LIMIT " + chunk + ")", chunk,
                signalsConsumed, cutoff);
        String resolvedBefore = "SELECT id FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ?";
        deleted += pruneChunks("deliveries", "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries"
                + " WHERE state <> 'pending' AND alert_id IN (" + resolvedBefore + ") LIMIT " + chunk + ")", chunk,
                cutoff);
        deleted += pruneChunks("alert_history", "DELETE FROM alert_history WHERE id IN (SELECT id FROM alert_history"
                + " WHERE alert_id IN (" + resolvedBefore + ") LIMIT " + chunk + ")", chunk, cutoff);
        String incidentsBefore = "SELECT id FROM incidents WHERE resolved_at IS NOT NULL AND resolved_at < ?";
        deleted += pruneChunks("incident_updates", "DELETE FROM incident_updates WHERE id IN (SELECT id FROM"
                + " incident_updates WHERE incident_id IN (" + incidentsBefore + ") LIMIT " + chunk + ")", chunk,
                cutoff);
        deleted += pruneChunks("incidents", "DELETE FROM incidents WHERE id IN (" + incidentsBefore + " LIMIT "
                + chunk + ")", chunk, cutoff);
        return deleted;
    }

    /** Runs a bounded delete until it deletes fewer than {@code chunk} rows, one write transaction each. */
    private long pruneChunks(String table, String sql, int chunk, Object... parameters) throws StoreException {
        long total = 0;
        while (true) {
            int deleted = write("prune " + table, connection -> update(connection, sql, parameters));
            total += deleted;
            if (deleted < chunk) {
                return total;
            }
        }
    }

    // ---- the status page

    /** By component name. */
    @Override
    public List<ComponentState> componentStates() throws StoreException {
        return read("list component states", connection -> select(connection,
                "SELECT component, status, since FROM component_states ORDER BY component",
                rows -> new ComponentState(rows.getString("component"), rows.getString("status"),
                        Sql.instant(rows, "since"))));
    }

    @Override
    public void setComponentState(ComponentState state) throws StoreException {
        requireNonNull(state, "state is null");
        write("set state of component " + state.component(), connection -> update(connection,
                "INSERT INTO component_states (component, status, since) VALUES (?, ?, ?) ON CONFLICT (component)"
                        + " DO UPDATE SET status = excluded.status, since = excluded.since",
                state.component(), state.status(), state.since().toEpochMilli()));
    }

    /**
     * A component has at most one unresolved incident: opening a second fails (not transiently). An incident opened
     * with status {@code resolved} is resolved at once.
     */
    @Override
    public IncidentRecord openIncident(String component, String title, String status, String message, Instant at)
            throws StoreException {
        requireNonNull(component, "component is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        requireNonNull(at, "at is null");
        return write("open incident of component " + component, connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO incidents (component, title,"
                    + " status, opened_at, resolved_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                statement.setString(1, component);
                statement.setString(2, title);
                statement.setString(3, status);
                statement.setLong(4, at.toEpochMilli());
                Sql.setLong(statement, 5, RESOLVED_INCIDENT.equals(status) ? at.toEpochMilli() : null);
                id = returnedId(statement);
            }
            insertIncidentUpdate(connection, id, at, status, message, Optional.empty());
            return incidents(connection, " WHERE id = ?", id, 1).get(0);
        });
    }

    /**
     * The incident takes the update's status; the first {@code resolved} update sets the resolution time, and a later
     * update does not reopen it.
     */
    @Override
    public Optional<IncidentRecord> addIncidentUpdate(
            long incidentId, String status, String message, Optional<String> operator, Instant at)
            throws StoreException {
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(at, "at is null");
        return write("add update to incident " + incidentId, connection -> {
            int updated = update(connection, "UPDATE incidents SET status = ?, resolved_at = CASE WHEN ? = 1"
                    + " AND resolved_at IS NULL THEN ? ELSE resolved_at END WHERE id = ?", status,
                    RESOLVED_INCIDENT.equals(status) ? 1 : 0, at.toEpochMilli(), incidentId);
            if (updated == 0) {
                return Optional.<IncidentRecord>empty();
            }
            insertIncidentUpdate(connection, incidentId, at, status, message, operator);
            return incidents(connection, " WHERE id = ?", incidentId, 1).stream().findFirst();
        });
    }

    private static void insertIncidentUpdate(Connection connection, long incidentId, Instant at, String status,
            String message, Optional<String> operator) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO incident_updates (incident_id,"
                + " at, status, message, operator) VALUES (?, ?, ?, ?, ?)")) {
            statement.setLong(1, incidentId);
            statement.setLong(2, at.toEpochMilli());
            statement.setString(3, status);
            statement.setString(4, message);
            Sql.setString(statement, 5, operator);
            statement.executeUpdate();
        }
    }

    @Override
    public Optional<IncidentRecord> openIncident(String component) throws StoreException {
        requireNonNull(component, "component is null");
        return read("read open incident of component " + component, connection -> incidents(connection,
                " WHERE component = ? AND resolved_at IS NULL", component, 1).stream().findFirst());
    }

    /** Newest by opening time. */
    @Override
    public List<IncidentRecord> incidents(int limit) throws StoreException {
        requireLimit(limit);
        return read("list incidents", connection -> incidents(connection, "", null, limit));
    }

    private record IncidentHead(long id, String component, String title, String status, Instant openedAt,
            Optional<Instant> resolvedAt) {}

    /**
     * Up to {@code limit} incidents matching {@code where} (empty, or with one parameter), newest first, each with its
     * updates oldest first: one statement, so incidents and updates come from one snapshot.
     */
    private static List<IncidentRecord> incidents(Connection connection, String where, Object parameter, int limit)
            throws SQLException {
        String sql = "SELECT i.id, i.component, i.title, i.status, i.opened_at, i.resolved_at, u.id AS update_id,"
                + " u.at, u.status AS update_status, u.message, u.operator FROM (SELECT id, component, title, status,"
                + " opened_at, resolved_at FROM incidents" + where + " ORDER BY opened_at DESC, id DESC LIMIT ?) i"
                + " LEFT JOIN incident_updates u ON u.incident_id = i.id"
                + " ORDER BY i.opened_at DESC, i.id DESC, u.at, u.id";
        Map<IncidentHead, List<IncidentRecord.Update>> found = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 1;
            if (parameter != null) {
                statement.setObject(p++, parameter);
            }
            statement.setInt(p, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    IncidentHead head = new IncidentHead(rows.getLong("id"), rows.getString("component"),
                            rows.getString("title"), rows.getString("status"), Sql.instant(rows, "opened_at"),
                            Sql.optionalInstant(rows, "resolved_at"));
                    List<IncidentRecord.Update> updates = found.computeIfAbsent(head, key -> new ArrayList<>());
                    long updateId = rows.getLong("update_id");
                    if (!rows.wasNull()) {
                        updates.add(new IncidentRecord.Update(updateId, Sql.instant(rows, "at"),
                                rows.getString("update_status"), rows.getString("message"),
                                Sql.optionalString(rows, "operator")));
                    }
                }
            }
        }
        List<IncidentRecord> incidents = new ArrayList<>(found.size());
        for (Map.Entry<IncidentHead, List<IncidentRecord.Update>> incident : found.entrySet()) {
            IncidentHead head = incident.getKey();
            incidents.add(new IncidentRecord(head.id(), head.component(), head.title(), head.status(),
                    head.openedAt(), head.resolvedAt(), incident.getValue()));
        }
        return incidents;
    }

    // ---- small JDBC helpers for the statements above

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a query (or a statement with {@code RETURNING}) with non-null parameters. */
    private static <T> List<T> select(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
        }
        return found;
    }

    /** Runs a statement with non-null parameters; returns the rows it changed. */
    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Runs an {@code INSERT ... RETURNING id} of one row. */
    private static long returnedId(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
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
