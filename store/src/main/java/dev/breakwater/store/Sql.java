package dev.breakwater.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL both engines share, written once in the dialect they agree on ({@code INSERT ... ON CONFLICT},
 * {@code RETURNING}, row values, {@code CASE} instead of {@code GREATEST}/{@code max}), and the JDBC bits around it.
 * Engine-specific SQL lives in {@link SqliteEventTable}, {@link PartitionedEventTable} and the two stores.
 */
final class Sql {
    /** Rows per multi-row statement or {@code IN} list: far below both engines' bind-parameter limits. */
    static final int CHUNK = 500;

    static final String ISSUE_COLUMNS = "i.id, i.project_id, p.slug, i.fingerprint, i.grouping_version, i.title,"
            + " i.culprit, i.type, i.level, i.status, i.count, i.user_count, i.first_seen, i.last_seen, i.first_release,"
            + " i.last_release, i.resolved_at, i.regressed_at";

    static final String EVENT_SUMMARY_COLUMNS =
            "event_id, project_id, issue_id, received_at, timestamp, level, message, release, environment";

    /**
     * One row per issue of the batch. An existing issue takes title, culprit, type and level from the batch when the
     * batch's latest event is at least as new as the issue's; {@code regressed_at} is non-null only for an issue that
     * was resolved when read and got an event after its resolution: it flips the issue back to unresolved, provided it
     * is still resolved (no lock is taken between read and upsert; a concurrent status change wins).
     */
    static final String UPSERT_ISSUES_HEAD = "INSERT INTO issues (project_id, fingerprint, grouping_version, title,"
            + " culprit, type, level, status, count, user_count, first_seen, last_seen, first_release, last_release,"
            + " resolved_at, regressed_at) VALUES ";
    static final String UPSERT_ISSUES_ROW = "(?, ?, ?, ?, ?, ?, ?, 'unresolved', ?, 0, ?, ?, ?, ?, NULL, ?)";
    static final int UPSERT_ISSUES_PARAMS = 13;
    static final String UPSERT_ISSUES_TAIL = " ON CONFLICT (project_id, fingerprint) DO UPDATE SET"
            + " grouping_version = " + latest("grouping_version") + ","
            + " title = " + latest("title") + ","
            + " culprit = " + latest("culprit") + ","
            + " type = " + latest("type") + ","
            + " level = " + latest("level") + ","
            + " status = CASE WHEN excluded.regressed_at IS NOT NULL AND issues.status = 'resolved'"
            + " THEN 'unresolved' ELSE issues.status END,"
            + " count = issues.count + excluded.count,"
            + " first_seen = CASE WHEN excluded.first_seen < issues.first_seen"
            + " THEN excluded.first_seen ELSE issues.first_seen END,"
            + " last_seen = CASE WHEN excluded.last_seen > issues.last_seen"
            + " THEN excluded.last_seen ELSE issues.last_seen END,"
            + " first_release = COALESCE(issues.first_release, excluded.first_release),"
            + " last_release = CASE WHEN excluded.last_release IS NOT NULL"
            + " AND (issues.last_release IS NULL OR excluded.last_seen >= issues.last_seen)"
            + " THEN excluded.last_release ELSE issues.last_release END,"
            + " regressed_at = CASE WHEN excluded.regressed_at IS NOT NULL AND issues.status = 'resolved'"
            + " THEN excluded.regressed_at ELSE issues.regressed_at END"
            + " RETURNING id, project_id, fingerprint";

    static final String INSERT_ISSUE_ENVIRONMENT =
            "INSERT INTO issue_environments (issue_id, environment) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static final String INSERT_ISSUE_RELEASE =
            "INSERT INTO issue_releases (issue_id, release) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static final String INSERT_ISSUE_USERS_HEAD = "INSERT INTO issue_users (issue_id, user_key) VALUES ";
    static final String INSERT_ISSUE_USERS_TAIL = " ON CONFLICT DO NOTHING RETURNING issue_id";
    static final String ADD_USER_COUNT = "UPDATE issues SET user_count = user_count + ? WHERE id = ?";

    static String upsertCount(String table) {
        return "INSERT INTO " + table + " (issue_id, bucket, count) VALUES (?, ?, ?)"
                + " ON CONFLICT (issue_id, bucket) DO UPDATE SET count = " + table + ".count + excluded.count";
    }

    static final String UPSERT_RELEASE = "INSERT INTO releases (project_id, version, first_seen, last_seen,"
            + " event_count, last_deploy_at) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (project_id, version) DO UPDATE SET"
            + " first_seen = CASE WHEN excluded.first_seen < releases.first_seen"
            + " THEN excluded.first_seen ELSE releases.first_seen END,"
            + " last_seen = CASE WHEN excluded.last_seen > releases.last_seen"
            + " THEN excluded.last_seen ELSE releases.last_seen END,"
            + " event_count = releases.event_count + excluded.event_count,"
            + " last_deploy_at = CASE WHEN excluded.last_deploy_at IS NOT NULL"
            + " AND (releases.last_deploy_at IS NULL OR excluded.last_deploy_at > releases.last_deploy_at)"
            + " THEN excluded.last_deploy_at ELSE releases.last_deploy_at END";

    static final String INSERT_DEPLOYS_HEAD = "INSERT INTO deploys (project_id, deploy_key, environment, revision,"
            + " user_name, comment, status, deployed_at) VALUES ";
    static final String INSERT_DEPLOYS_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_DEPLOYS_TAIL = " ON CONFLICT (deploy_key) DO NOTHING RETURNING deploy_key";

    /** Any conflict leaves the row alone: the same record again, or the name already stored ({@link #REPLACE_ARTIFACT}). */
    static final String INSERT_ARTIFACT = "INSERT INTO artifacts (project_id, kind, version, name, size, sha256, content,"
            + " created_at, source_node, source_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /**
     * Replaces a stored artifact of the same name with one from a later record (by receive time, then sequence
     * number); the row that came from this very record, or from a later one, is left as it is.
     */
    static final String REPLACE_ARTIFACT = "UPDATE artifacts SET size = ?, sha256 = ?, content = ?, created_at = ?,"
            + " source_node = ?, source_seq = ? WHERE project_id = ? AND kind = ? AND version = ? AND name = ?"
            + " AND (created_at < ? OR (created_at = ? AND source_seq < ?))";

    static final String INSERT_QUARANTINE = "INSERT INTO quarantine (lane, spool_offset, project, node, seq,"
            + " received_at, source, content_type, encoding, reason, body, quarantined_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lane, spool_offset) DO NOTHING";

    static final String UPSERT_CHECKPOINT = "INSERT INTO lane_checkpoints (lane, next_offset, paused, updated_at)"
            + " VALUES (?, ?, 0, ?) ON CONFLICT (lane) DO UPDATE SET"
            + " next_offset = excluded.next_offset, updated_at = excluded.updated_at";

    static final String UPSERT_PAUSED = "INSERT INTO lane_checkpoints (lane, next_offset, paused, updated_at)"
            + " VALUES (?, 0, ?, ?) ON CONFLICT (lane) DO UPDATE SET"
            + " paused = excluded.paused, updated_at = excluded.updated_at";

    static final String UPSERT_NODE_MARK = "INSERT INTO lane_node_marks (lane, node, last_seq, last_received_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (lane, node) DO UPDATE SET"
            + " last_seq = CASE WHEN excluded.last_seq > lane_node_marks.last_seq"
            + " THEN excluded.last_seq ELSE lane_node_marks.last_seq END,"
            + " last_received_at = CASE WHEN excluded.last_received_at > lane_node_marks.last_received_at"
            + " THEN excluded.last_received_at ELSE lane_node_marks.last_received_at END";

    private Sql() {}

    /** Binds one row's parameters starting at {@code index}; returns the index after them. */
    @FunctionalInterface
    interface RowBinder<T> {
        int bind(PreparedStatement statement, int index, T row) throws SQLException;
    }

    /** Reads one row a {@code RETURNING} clause produced. */
    @FunctionalInterface
    interface ReturnedRow {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code head + row, row, ... + tail} for {@code rows} in chunks of {@link #CHUNK}: one statement per chunk
     * instead of one per row, and, with a {@code RETURNING} tail, exactly which rows it wrote (which JDBC batch update
     * counts do not always say: PostgreSQL's rewritten batches report no counts).
     */
    static <T> void insertRows(Statements statements, String head, String row, String tail, List<T> rows,
            RowBinder<T> binder, ReturnedRow returned) throws SQLException {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            PreparedStatement statement = statements.prepare(head + rows(row, chunk.size()) + tail);
            int index = 1;
            for (T value : chunk) {
                index = binder.bind(statement, index, value);
            }
            if (returned == null) {
                statement.executeUpdate();
            } else {
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        returned.read(result);
                    }
                }
            }
        }
    }

    private static String latest(String column) {
        return "CASE WHEN excluded.last_seen >= issues.last_seen THEN excluded." + column + " ELSE issues." + column
                + " END";
    }

    /** {@code ?, ?, ?} */
    static String marks(int count) {
        StringBuilder marks = new StringBuilder(count * 3);
        for (int i = 0; i < count; i++) {
            marks.append(i == 0 ? "?" : ", ?");
        }
        return marks.toString();
    }

    /** {@code row, row, row} */
    static String rows(String row, int count) {
        StringBuilder rows = new StringBuilder(count * (row.length() + 2));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                rows.append(", ");
            }
            rows.append(row);
        }
        return rows.toString();
    }

    static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static void setString(PreparedStatement statement, int index, String nullable) throws SQLException {
        setString(statement, index, Optional.ofNullable(nullable));
    }

    static void setLong(PreparedStatement statement, int index, Long nullable) throws SQLException {
        if (nullable == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, nullable);
        }
    }

    static Optional<String> optionalString(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }

    static Optional<Long> optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    /** A list of ids as stored in one text column: comma-separated, {@code ""} when empty. */
    static String joinIds(List<Long> ids) {
        StringBuilder text = new StringBuilder();
        for (long id : ids) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(id);
        }
        return text.toString();
    }

    /** The inverse of {@link #joinIds}. */
    static List<Long> splitIds(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String id : text.split(",")) {
            ids.add(Long.parseLong(id));
        }
        return ids;
    }

    static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        return Instant.ofEpochMilli(rows.getLong(column));
    }

    /** Cuts {@code text} to at most {@code max} chars without splitting a surrogate pair. */
    static String truncate(String text, long max) {
        if (text.length() <= max) {
            return text;
        }
        int end = (int) max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
