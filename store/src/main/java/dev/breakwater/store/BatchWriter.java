package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one {@link LaneBatch} inside the caller's transaction, with one JDBC batch or multi-row statement per table
 * rather than a round trip per row.
 *
 * <p>Design notes. Idempotence comes from doing everything relative to the events actually inserted: events already
 * stored (or repeated within the batch) are dropped first, and only the rest feed issue counts, time buckets, user
 * counts and release counts; deploys and quarantined records are insert-ignore on their natural keys, artifacts
 * replace a stored one of the same name only when they come from a later spool record; the checkpoint
 * is overwritten and node marks only move forward. A batch applied twice therefore changes nothing the second time.
 * Alert signals follow from the same rule: one per issue the batch's fresh events created or regressed, so a
 * redelivered batch writes none.
 *
 * <p>The order matters: issues are read first (status and resolution time) to tell new and regressed issues apart,
 * then upserted once each ({@code RETURNING id}) so that events can carry their issue id. Rows whose insertion must be
 * counted exactly (users, deploys, PostgreSQL event keys) use {@code INSERT ... RETURNING}, not batch update counts.
 * If an event insert is skipped after all (another transaction stored the same event in between, which only a second
 * writer on PostgreSQL can do), the batch fails transiently and its retry sees the event as stored.
 *
 * <p>Stateless apart from its configuration; thread-safe.
 */
final class BatchWriter {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    /** Longest message, title and culprit kept in index rows; the whole text stays in the event document. */
    static final int MAX_TEXT_CHARS = 1024;

    private final EventTable events;
    private final boolean bindArrays;
    private final boolean lockSignals;

    /**
     * @param bindArrays  look rows up with {@code = ANY(?)} and one array parameter (PostgreSQL: one statement text,
     *                    so its plan is cached) instead of an {@code IN} list (SQLite has no arrays)
     * @param lockSignals lock {@code alert_signals} against other writers before inserting signals, so that their ids
     *                    are handed out in commit order (PostgreSQL, where transactions commit concurrently; SQLite
     *                    has a single writer)
     */
    BatchWriter(EventTable events, boolean bindArrays, boolean lockSignals) {
        this.events = requireNonNull(events, "events is null");
        this.bindArrays = bindArrays;
        this.lockSignals = lockSignals;
    }

    private record IssueKey(long projectId, String fingerprint) {}

    private record IssueState(String status, Long resolvedAt) {}

    private record Signal(long projectId, long issueId, String kind) {}

    /**
     * What a batch did: its outcome, and the issue environments, releases and users it wrote, which the caller may
     * remember once the transaction has committed.
     */
    record Applied(BatchOutcome outcome, List<KnownIssueValues.IssueValue> issueValues) {}

    /** @param known issue environments, releases and users already committed, which need not be written again */
    Applied apply(Statements statements, LaneBatch batch, long now, KnownIssueValues known) throws SQLException {
        Map<EventKey, EventWrite> distinct = new LinkedHashMap<>();
        for (EventWrite event : batch.events()) {
            distinct.putIfAbsent(EventKey.of(event), event);
        }
        Set<EventKey> stored = distinct.isEmpty() ? Set.of() : events.existing(statements, distinct.keySet());
        List<EventWrite> fresh = new ArrayList<>(distinct.size());
        for (Map.Entry<EventKey, EventWrite> entry : distinct.entrySet()) {
            if (!stored.contains(entry.getKey())) {
                fresh.add(entry.getValue());
            }
        }

        Map<IssueKey, IssueAggregate> aggregates = new LinkedHashMap<>();
        for (EventWrite event : fresh) {
            aggregates
                    .computeIfAbsent(new IssueKey(event.projectId(), event.fingerprint()),
                            key -> new IssueAggregate(key.projectId(), key.fingerprint()))
                    .add(event);
        }
        Map<IssueKey, IssueState> before = readIssues(statements, aggregates.keySet());
        List<Long> newIssues = new ArrayList<>();
        List<Long> regressedIssues = new ArrayList<>();
        Map<IssueKey, Long> issueIds = upsertIssues(statements, aggregates, before, newIssues, regressedIssues);

        long[] eventIssueIds = new long[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            EventWrite event = fresh.get(i);
            eventIssueIds[i] = issueIds.get(new IssueKey(event.projectId(), event.fingerprint()));
        }
        if (!fresh.isEmpty()) {
            int[] inserted = events.insert(statements, fresh, eventIssueIds, MAX_TEXT_CHARS);
            for (int count : inserted) {
                if (count == 0) {
                    throw new SQLTransientException(
                            "an event of this batch was stored concurrently by another transaction; retry the batch",
                            "40001");
                }
            }
        }

        List<KnownIssueValues.IssueValue> issueValues = insertIssueValues(statements, fresh, eventIssueIds, known);
        issueValues.addAll(addUserCounts(statements, fresh, eventIssueIds, known));
        addCounts(statements, "issue_counts_minute", MINUTE, fresh, eventIssueIds);
        addCounts(statements, "issue_counts_hour", HOUR, fresh, eventIssueIds);
        upsertReleases(statements, fresh, insertDeploys(statements, batch.deploys()));
        storeArtifacts(statements, batch.artifacts());
        insertQuarantined(statements, batch.quarantined(), now);
        insertSignals(statements, signals(aggregates.keySet(), issueIds, newIssues, regressedIssues), now);
        writeCheckpoint(statements, batch, now);
        return new Applied(
                new BatchOutcome(fresh.size(), batch.events().size() - fresh.size(), newIssues, regressedIssues),
                issueValues);
    }

    /** In batch order of the issues' first fresh events. */
    private static List<Signal> signals(Set<IssueKey> issues, Map<IssueKey, Long> issueIds, List<Long> newIssues,
            List<Long> regressedIssues) {
        if (newIssues.isEmpty() && regressedIssues.isEmpty()) {
            return List.of();
        }
        Set<Long> created = new HashSet<>(newIssues);
        Set<Long> regressed = new HashSet<>(regressedIssues);
        List<Signal> signals = new ArrayList<>();
        for (IssueKey key : issues) {
            long id = issueIds.get(key);
            if (created.contains(id)) {
                signals.add(new Signal(key.projectId(), id, AlertSignal.NEW_ISSUE));
            } else if (regressed.contains(id)) {
                signals.add(new Signal(key.projectId(), id, AlertSignal.REGRESSION));
            }
        }
        return signals;
    }

    /**
     * Stamps signals with the batch's commit time ({@code now}), the moment alerting could first know of them. Runs
     * last but for the checkpoint, so that on PostgreSQL the table lock is held briefly and cannot deadlock: after
     * taking it a writer only writes its checkpoint and node marks, rows that a writer waiting for the lock has not
     * touched yet (it writes its own after its signals).
     */
    private void insertSignals(Statements statements, List<Signal> signals, long now) throws SQLException {
        if (signals.isEmpty()) {
            return;
        }
        if (lockSignals) {
            // a sequence hands out ids at insert time but rows become visible at commit, so two writers could commit
            // 11 before 10 and a consumer past 11 would never see 10; this mode excludes other writers until commit
            // (it is self-conflicting) but not readers
            try (Statement statement = statements.connection().createStatement()) {
                statement.execute("LOCK TABLE alert_signals IN SHARE ROW EXCLUSIVE MODE");
            }
        }
        Sql.insertRows(statements, "INSERT INTO alert_signals (project_id, issue_id, kind, at) VALUES ", "(?, ?, ?, ?)",
                "", signals, (statement, index, signal) -> {
                    statement.setLong(index, signal.projectId());
                    statement.setLong(index + 1, signal.issueId());
                    statement.setString(index + 2, signal.kind());
                    statement.setLong(index + 3, now);
                    return index + 4;
                }, null);
    }

    private Map<IssueKey, IssueState> readIssues(Statements statements, Set<IssueKey> keys) throws SQLException {
        Map<Long, List<String>> byProject = new LinkedHashMap<>();
        for (IssueKey key : keys) {
            byProject.computeIfAbsent(key.projectId(), id -> new ArrayList<>()).add(key.fingerprint());
        }
        Map<IssueKey, IssueState> states = new HashMap<>();
        for (Map.Entry<Long, List<String>> project : byProject.entrySet()) {
            List<String> fingerprints = project.getValue();
            for (int from = 0; from < fingerprints.size(); from += Sql.CHUNK) {
                List<String> chunk = fingerprints.subList(from, Math.min(fingerprints.size(), from + Sql.CHUNK));
                String sql = "SELECT fingerprint, status, resolved_at FROM issues WHERE project_id = ? AND fingerprint"
                        + (bindArrays ? " = ANY(?)" : " IN (" + Sql.marks(chunk.size()) + ")");
                PreparedStatement statement = statements.prepare(sql);
                statement.setLong(1, project.getKey());
                if (bindArrays) {
                    statement.setArray(2, statements.connection().createArrayOf("text", chunk.toArray()));
                } else {
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 2, chunk.get(i));
                    }
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long resolvedAt = rows.getLong(3);
                        states.put(new IssueKey(project.getKey(), rows.getString(1)),
                                new IssueState(rows.getString(2), rows.wasNull() ? null : resolvedAt));
                    }
                }
            }
        }
        return states;
    }

    private static Map<IssueKey, Long> upsertIssues(Statements statements, Map<IssueKey, IssueAggregate> aggregates,
            Map<IssueKey, IssueState> before, List<Long> newIssues, List<Long> regressedIssues) throws SQLException {
        Map<IssueKey, Long> ids = new HashMap<>();
        Set<IssueKey> regressed = new LinkedHashSet<>();
        List<IssueAggregate> all = new ArrayList<>(aggregates.values());
        for (int from = 0; from < all.size(); from += Sql.CHUNK) {
            List<IssueAggregate> chunk = all.subList(from, Math.min(all.size(), from + Sql.CHUNK));
            String sql = Sql.UPSERT_ISSUES_HEAD + Sql.rows(Sql.UPSERT_ISSUES_ROW, chunk.size()) + Sql.UPSERT_ISSUES_TAIL;
            PreparedStatement statement = statements.prepare(sql);
            int p = 1;
            for (IssueAggregate issue : chunk) {
                IssueKey key = new IssueKey(issue.projectId, issue.fingerprint);
                Long regressedAt = regressedAt(before.get(key), issue);
                if (regressedAt != null) {
                    regressed.add(key);
                }
                EventWrite latest = issue.latest();
                statement.setLong(p++, issue.projectId);
                statement.setString(p++, issue.fingerprint);
                statement.setInt(p++, latest.groupingVersion());
                statement.setString(p++, Sql.truncate(latest.title(), MAX_TEXT_CHARS));
                statement.setString(p++, Sql.truncate(latest.culprit(), MAX_TEXT_CHARS));
                statement.setString(p++, latest.type());
                statement.setString(p++, latest.level());
                statement.setLong(p++, issue.count());
                statement.setLong(p++, issue.firstSeen());
                statement.setLong(p++, issue.lastSeen());
                Sql.setString(statement, p++, issue.firstRelease());
                Sql.setString(statement, p++, issue.lastRelease());
                Sql.setLong(statement, p++, regressedAt);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.put(new IssueKey(rows.getLong(2), rows.getString(3)), rows.getLong(1));
                }
            }
        }
        for (IssueKey key : aggregates.keySet()) {
            Long id = ids.get(key);
            if (id == null) {
                throw new SQLException("issue upsert returned no id for fingerprint " + key.fingerprint());
            }
            if (!before.containsKey(key)) {
                newIssues.add(id);
            } else if (regressed.contains(key)) {
                regressedIssues.add(id);
            }
        }
        return ids;
    }

    /**
     * A resolved issue regresses with the first new event received after it was resolved; an event received before
     * (delivered late from a backlog) counts but does not reopen it. Ignored issues never regress.
     */
    private static Long regressedAt(IssueState state, IssueAggregate issue) {
        if (state == null || !IssueStatus.RESOLVED.wireName().equals(state.status())) {
            return null;
        }
        return issue.firstAfter(state.resolvedAt() == null ? Long.MIN_VALUE : state.resolvedAt());
    }

    /** @return the pairs written: those the batch has that {@code known} does not */
    private static List<KnownIssueValues.IssueValue> insertIssueValues(Statements statements, List<EventWrite> fresh,
            long[] issueIds, KnownIssueValues known) throws SQLException {
        Set<KnownIssueValues.IssueValue> environments = new LinkedHashSet<>();
        Set<KnownIssueValues.IssueValue> releases = new LinkedHashSet<>();
        for (int i = 0; i < fresh.size(); i++) {
            EventWrite event = fresh.get(i);
            if (event.environment().isPresent()) {
                environments.add(new KnownIssueValues.IssueValue(issueIds[i], KnownIssueValues.Kind.ENVIRONMENT,
                        event.environment().get()));
            }
            if (event.release().isPresent()) {
                releases.add(new KnownIssueValues.IssueValue(issueIds[i], KnownIssueValues.Kind.RELEASE,
                        event.release().get()));
            }
        }
        environments.removeIf(known::contains);
        releases.removeIf(known::contains);
        insertPairs(statements, Sql.INSERT_ISSUE_ENVIRONMENT, environments);
        insertPairs(statements, Sql.INSERT_ISSUE_RELEASE, releases);
        List<KnownIssueValues.IssueValue> written = new ArrayList<>(environments.size() + releases.size());
        written.addAll(environments);
        written.addAll(releases);
        return written;
    }

    private static void insertPairs(Statements statements, String sql, Set<KnownIssueValues.IssueValue> pairs)
            throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        PreparedStatement statement = statements.prepare(sql);
        for (KnownIssueValues.IssueValue pair : pairs) {
            statement.setLong(1, pair.issueId());
            statement.setString(2, pair.value());
            statement.addBatch();
        }
        statement.executeBatch();
    }

    /**
     * Counts a user once per issue: only user keys the issue had not seen add to its user count. Users {@code known}
     * to be stored for their issue are not written again.
     *
     * @return the (issue, user) pairs written
     */
    private static List<KnownIssueValues.IssueValue> addUserCounts(Statements statements, List<EventWrite> fresh,
            long[] issueIds, KnownIssueValues known) throws SQLException {
        Set<KnownIssueValues.IssueValue> users = new LinkedHashSet<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (fresh.get(i).userKey().isPresent()) {
                users.add(new KnownIssueValues.IssueValue(issueIds[i], KnownIssueValues.Kind.USER,
                        fresh.get(i).userKey().get()));
            }
        }
        users.removeIf(known::contains);
        List<KnownIssueValues.IssueValue> written = new ArrayList<>(users);
        Map<Long, Long> added = new LinkedHashMap<>();
        Sql.insertRows(statements, Sql.INSERT_ISSUE_USERS_HEAD, "(?, ?)", Sql.INSERT_ISSUE_USERS_TAIL, written,
                (statement, index, user) -> {
                    statement.setLong(index, user.issueId());
                    statement.setString(index + 1, user.value());
                    return index + 2;
                }, row -> added.merge(row.getLong(1), 1L, Long::sum));
        if (added.isEmpty()) {
            return written;
        }
        PreparedStatement statement = statements.prepare(Sql.ADD_USER_COUNT);
        for (Map.Entry<Long, Long> issue : added.entrySet()) {
            statement.setLong(1, issue.getValue());
            statement.setLong(2, issue.getKey());
            statement.addBatch();
        }
        statement.executeBatch();
        return written;
    }

    private record Bucket(long issueId, long start) {}

    private static void addCounts(Statements statements, String table, long width, List<EventWrite> fresh,
            long[] issueIds) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        Map<Bucket, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            long at = fresh.get(i).receivedAt().toEpochMilli();
            counts.merge(new Bucket(issueIds[i], at - Math.floorMod(at, width)), 1L, Long::sum);
        }
        PreparedStatement statement = statements.prepare(Sql.upsertCount(table));
        for (Map.Entry<Bucket, Long> count : counts.entrySet()) {
            statement.setLong(1, count.getKey().issueId());
            statement.setLong(2, count.getKey().start());
            statement.setLong(3, count.getValue());
            statement.addBatch();
        }
        statement.executeBatch();
    }

    /** @return the deploys that were not stored before */
    private static List<DeployWrite> insertDeploys(Statements statements, List<DeployWrite> deploys)
            throws SQLException {
        Map<String, DeployWrite> distinct = new LinkedHashMap<>();
        for (DeployWrite deploy : deploys) {
            distinct.putIfAbsent(deploy.deployKey(), deploy);
        }
        Set<String> inserted = new HashSet<>();
        Sql.insertRows(statements, Sql.INSERT_DEPLOYS_HEAD, Sql.INSERT_DEPLOYS_ROW, Sql.INSERT_DEPLOYS_TAIL,
                new ArrayList<>(distinct.values()), (statement, index, deploy) -> {
                    statement.setLong(index, deploy.projectId());
                    statement.setString(index + 1, deploy.deployKey());
                    statement.setString(index + 2, deploy.environment());
                    statement.setString(index + 3, deploy.revision());
                    Sql.setString(statement, index + 4, deploy.user());
                    Sql.setString(statement, index + 5, deploy.comment());
                    Sql.setString(statement, index + 6, deploy.status());
                    statement.setLong(index + 7, deploy.deployedAt().toEpochMilli());
                    return index + 8;
                }, row -> inserted.add(row.getString(1)));
        List<DeployWrite> fresh = new ArrayList<>();
        for (DeployWrite deploy : distinct.values()) {
            if (inserted.contains(deploy.deployKey())) {
                fresh.add(deploy);
            }
        }
        return fresh;
    }

    /**
     * Each artifact in batch order, a statement or two apiece: artifacts are few and large, so there is nothing to
     * gain from multi-row statements, and their content is bound once.
     */
    private static void storeArtifacts(Statements statements, List<ArtifactWrite> artifacts) throws SQLException {
        if (artifacts.isEmpty()) {
            return;
        }
        PreparedStatement insert = statements.prepare(Sql.INSERT_ARTIFACT);
        PreparedStatement replace = statements.prepare(Sql.REPLACE_ARTIFACT);
        for (ArtifactWrite artifact : artifacts) {
            long createdAt = artifact.createdAt().toEpochMilli();
            insert.setLong(1, artifact.projectId());
            insert.setString(2, artifact.kind());
            insert.setString(3, artifact.version());
            insert.setString(4, artifact.name());
            insert.setLong(5, artifact.content().length);
            insert.setString(6, artifact.sha256());
            insert.setBytes(7, artifact.content());
            insert.setLong(8, createdAt);
            insert.setString(9, artifact.sourceNode());
            insert.setLong(10, artifact.sourceSeq());
            if (insert.executeUpdate() > 0) {
                continue;
            }
            replace.setLong(1, artifact.content().length);
            replace.setString(2, artifact.sha256());
            replace.setBytes(3, artifact.content());
            replace.setLong(4, createdAt);
            replace.setString(5, artifact.sourceNode());
            replace.setLong(6, artifact.sourceSeq());
            replace.setLong(7, artifact.projectId());
            replace.setString(8, artifact.kind());
            replace.setString(9, artifact.version());
            replace.setString(10, artifact.name());
            replace.setLong(11, createdAt);
            replace.setLong(12, createdAt);
            replace.setLong(13, artifact.sourceSeq());
            replace.executeUpdate();
        }
    }

    private static final class ReleaseAggregate {
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        long events;
        Long lastDeployAt;

        void seen(long at) {
            firstSeen = Math.min(firstSeen, at);
            lastSeen = Math.max(lastSeen, at);
        }
    }

    private record ReleaseKey(long projectId, String version) {}

    /** Releases are seen in events (counted) and in deploys (which also set the last deploy time). */
    private static void upsertReleases(Statements statements, List<EventWrite> fresh, List<DeployWrite> deploys)
            throws SQLException {
        Map<ReleaseKey, ReleaseAggregate> releases = new LinkedHashMap<>();
        for (EventWrite event : fresh) {
            if (event.release().isPresent()) {
                ReleaseAggregate release = releases.computeIfAbsent(
                        new ReleaseKey(event.projectId(), event.release().get()), key -> new ReleaseAggregate());
                release.seen(event.receivedAt().toEpochMilli());
                release.events++;
            }
        }
        for (DeployWrite deploy : deploys) {
            ReleaseAggregate release = releases.computeIfAbsent(
                    new ReleaseKey(deploy.projectId(), deploy.revision()), key -> new ReleaseAggregate());
            long at = deploy.deployedAt().toEpochMilli();
            release.seen(at);
            release.lastDeployAt = release.lastDeployAt == null ? at : Math.max(release.lastDeployAt, at);
        }
        if (releases.isEmpty()) {
            return;
        }
        PreparedStatement statement = statements.prepare(Sql.UPSERT_RELEASE);
        for (Map.Entry<ReleaseKey, ReleaseAggregate> entry : releases.entrySet()) {
            ReleaseAggregate release = entry.getValue();
            statement.setLong(1, entry.getKey().projectId());
            statement.setString(2, entry.getKey().version());
            statement.setLong(3, release.firstSeen);
            statement.setLong(4, release.lastSeen);
            statement.setLong(5, release.events);
            Sql.setLong(statement, 6, release.lastDeployAt);
            statement.addBatch();
        }
        statement.executeBatch();
    }

    private static void insertQuarantined(Statements statements, List<QuarantineWrite> records, long now)
            throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        PreparedStatement statement = statements.prepare(Sql.INSERT_QUARANTINE);
        for (QuarantineWrite record : records) {
            statement.setString(1, record.lane());
            statement.setLong(2, record.offset());
            statement.setString(3, record.project());
            statement.setString(4, record.node());
            statement.setLong(5, record.seq());
            statement.setLong(6, record.receivedAtMillis());
            statement.setString(7, record.source());
            statement.setString(8, record.contentType());
            statement.setString(9, record.encoding());
            statement.setString(10, record.reason());
            statement.setBytes(11, record.body());
            statement.setLong(12, now);
            statement.addBatch();
        }
        statement.executeBatch();
    }

    private static void writeCheckpoint(Statements statements, LaneBatch batch, long now) throws SQLException {
        PreparedStatement checkpoint = statements.prepare(Sql.UPSERT_CHECKPOINT);
        checkpoint.setString(1, batch.lane());
        checkpoint.setLong(2, batch.nextOffset());
        checkpoint.setLong(3, now);
        checkpoint.executeUpdate();
        if (batch.nodes().isEmpty()) {
            return;
        }
        PreparedStatement marks = statements.prepare(Sql.UPSERT_NODE_MARK);
        for (Map.Entry<String, NodeMark> node : batch.nodes().entrySet()) {
            marks.setString(1, batch.lane());
            marks.setString(2, node.getKey());
            marks.setLong(3, node.getValue().lastSeq());
            marks.setLong(4, node.getValue().lastReceivedAtMillis());
            marks.addBatch();
        }
        marks.executeBatch();
    }
}
