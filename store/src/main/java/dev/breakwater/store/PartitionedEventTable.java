package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's events: {@code events} is partitioned by receive time, one partition per UTC day named
 * {@code events_YYYYMMDD} holding [day 00:00, next day 00:00) in epoch ms, so that retention drops whole partitions.
 * A unique index on a partitioned table must contain the partition key, so event-id uniqueness lives in the plain
 * table {@code event_keys}, which also tells {@link #find} which partition to read.
 *
 * <p>Partitions are created outside the batch transaction (creating one locks the parent table exclusively, which
 * should not last a whole batch), ahead of time by {@link PostgresStore#maintain} and on demand for any day a batch
 * brings. Known partitions are cached; the cache is only ever a subset of the truth plus dropped days, which
 * {@link #drop} removes. Thread-safe.
 */
final class PartitionedEventTable implements EventTable {
    private static final Logger log = LoggerFactory.getLogger(PartitionedEventTable.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PREFIX = "events_";

    private static final String INSERT_KEYS_HEAD =
            "INSERT INTO event_keys (event_id, project_id, received_at, issue_id) VALUES ";
    private static final String INSERT_KEYS_TAIL = " ON CONFLICT DO NOTHING RETURNING event_id, project_id";
    /**
     * The events go in by binary COPY rather than a multi-row INSERT: their keys were inserted just before, so no row
     * can conflict, and COPY skips parsing and planning the statement. Measured on 2026-12-06 (300,000 events,
     * PostgreSQL on the same 2 cores): see BENCHMARKS.md.
     */
    private static final String COPY_EVENTS = "COPY events (project_id, event_id, issue_id, received_at, timestamp,"
            + " level, message, release, environment, document, document_encoding) FROM STDIN (FORMAT binary)";
    private static final int EVENT_FIELDS = 11;

    private final DataSource dataSource;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    PartitionedEventTable(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public String keyTable() {
        return "event_keys";
    }

    /** One statement with an array parameter instead of {@code IN} lists: PostgreSQL caches its plan. */
    @Override
    public Set<EventKey> existing(Statements statements, Collection<EventKey> keys) throws SQLException {
        Set<EventKey> found = new HashSet<>();
        String[] ids = keys.stream().map(EventKey::eventId).distinct().toArray(String[]::new);
        PreparedStatement statement =
                statements.prepare("SELECT project_id, event_id FROM event_keys WHERE event_id = ANY(?)");
        statement.setArray(1, statements.connection().createArrayOf("text", ids));
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new EventKey(rows.getLong(1), rows.getString(2)));
            }
        }
        found.retainAll(new HashSet<>(keys));
        return found;
    }

    @Override
    public void prepare(LaneBatch batch) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        for (EventWrite event : batch.events()) {
            LocalDate day = day(event.receivedAt().toEpochMilli());
            if (!known.contains(day)) {
                days.add(day);
            }
        }
        for (LocalDate day : days) {
            ensure(day);
        }
    }

    static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    static long startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    static String partitionName(LocalDate day) {
        return PREFIX + DAY.format(day);
    }

    /** Creates the partition of {@code day} unless it exists. */
    void ensure(LocalDate day) throws SQLException {
        if (known.contains(day)) {
            return;
        }
        String sql = "CREATE TABLE IF NOT EXISTS " + partitionName(day) + " PARTITION OF events FOR VALUES FROM ("
                + startOf(day) + ") TO (" + startOf(day.plusDays(1)) + ")";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try {
                statement.execute(sql);
                log.debug("event partition {} ready", partitionName(day));
            } catch (SQLException e) {
                // two stores creating the same partition at once: the loser fails on the catalog's unique index
                if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        known.add(day);
    }

    /** The days that have a partition, oldest first. */
    List<LocalDate> partitions() throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.startsWith(PREFIX)) {
                    try {
                        days.add(LocalDate.parse(name.substring(PREFIX.length()), DAY));
                    } catch (java.time.format.DateTimeParseException e) {
                        // not one of ours (an operator's partition): leave it alone
                    }
                }
            }
        }
        days.sort(null);
        known.addAll(days);
        return days;
    }

    /** Forgets every known partition, so that the next batches check again (someone dropped one behind our back). */
    void forgetAll() {
        known.clear();
    }

    /** Drops the partition of {@code day}, events and all. */
    void drop(LocalDate day) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + partitionName(day));
        }
        known.remove(day);
        log.info("dropped expired event partition {}", partitionName(day));
    }

    @Override
    public int[] insert(Statements statements, List<EventWrite> events, long[] issueIds, long maxMessageChars)
            throws SQLException {
        List<Integer> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            rows.add(i);
        }
        Set<EventKey> keys = new HashSet<>();
        Sql.insertRows(statements, INSERT_KEYS_HEAD, "(?, ?, ?, ?)", INSERT_KEYS_TAIL, rows, (statement, index, i) -> {
            EventWrite event = events.get(i);
            statement.setString(index, event.eventId());
            statement.setLong(index + 1, event.projectId());
            statement.setLong(index + 2, event.receivedAt().toEpochMilli());
            statement.setLong(index + 3, issueIds[i]);
            return index + 4;
        }, row -> keys.add(new EventKey(row.getLong(2), row.getString(1))));
        int[] inserted = new int[events.size()];
        if (keys.isEmpty()) {
            return inserted;
        }
        try (BinaryCopy copy = new BinaryCopy(
                statements.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS))) {
            for (int i = 0; i < events.size(); i++) {
                EventWrite event = events.get(i);
                if (keys.contains(EventKey.of(event))) {
                    inserted[i] = 1;
                    copy.row(EVENT_FIELDS)
                            .bigint(event.projectId())
                            .text(event.eventId())
                            .bigint(issueIds[i])
                            .bigint(event.receivedAt().toEpochMilli())
                            .bigint(event.timestamp().toEpochMilli())
                            .text(event.level())
                            .text(Sql.truncate(event.message(), maxMessageChars))
                            .text(event.release().orElse(null))
                            .text(event.environment().orElse(null))
                            .bytea(event.document())
                            .text(event.documentEncoding());
                }
            }
            copy.finish();
        }
        return inserted;
    }

    @Override
    public Optional<StoredEvent> find(Connection connection, String eventId) throws SQLException {
        long projectId;
        long receivedAt;
        long issueId;
        try (PreparedStatement statement = connection.prepareStatement("SELECT project_id, received_at, issue_id"
                + " FROM event_keys WHERE event_id = ? ORDER BY project_id LIMIT 1")) {
            statement.setString(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                projectId = rows.getLong(1);
                receivedAt = rows.getLong(2);
                issueId = rows.getLong(3);
            }
        }
        // received_at and issue_id prune to one partition and use its (issue_id, received_at, event_id) index
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + Sql.EVENT_SUMMARY_COLUMNS
                + ", document, document_encoding FROM events"
                + " WHERE issue_id = ? AND received_at = ? AND event_id = ? AND project_id = ?")) {
            statement.setLong(1, issueId);
            statement.setLong(2, receivedAt);
            statement.setString(3, eventId);
            statement.setLong(4, projectId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(JdbcStore.storedEvent(rows)) : Optional.empty();
            }
        }
    }
}
