package dev.breakwater.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Breakwater's storage: one schema, two engines ({@code SqliteStore}, {@code PostgresStore}), opened with
 * {@link Stores#open}. Migrations are applied on open.
 *
 * <p>The write side is {@link #apply}: everything one pipeline batch produces, including the lane checkpoint, in one
 * transaction, so a batch is either wholly applied or not at all and a redelivered batch changes nothing. Reads never
 * block that writer (WAL on SQLite, MVCC on PostgreSQL).
 *
 * <p>Every method throws {@link StoreException}, which says whether retrying can help. Thread-safe.
 */
public interface Store extends AutoCloseable {

    /** Which engine this is, e.g. {@code sqlite} or {@code postgresql}. */
    String engine();

    /** Cheap round trip to the database; throws when it is unreachable. */
    void ping() throws StoreException;

    /**
     * The connection pool that reads (and {@link #ping()}) take their connections from, at this moment: connections in
     * use, idle, open, the pool's maximum and threads waiting to get one. On PostgreSQL that is the one pool every
     * query uses; on SQLite the reader pool (the single writer connection behind its lock is not counted). Empty when
     * the engine has no pool to report, or it is closed. Cheap: no round trip to the database.
     */
    Optional<PoolStats> poolStats();

    // ---- projects and keys

    ProjectRecord createProject(NewProject project) throws StoreException;

    List<ProjectRecord> projects() throws StoreException;

    Optional<ProjectRecord> project(String slug) throws StoreException;

    Optional<ProjectRecord> project(long id) throws StoreException;

    /**
     * Stores a read-API token that sees only one project. Only a hash of the token is kept (the caller hashes it,
     * e.g. SHA-256 hex); the token itself is shown once to whoever created it.
     */
    void createApiToken(long projectId, String tokenHash, String label, Instant createdAt) throws StoreException;

    /** The project a read-API token (by its hash) belongs to. */
    Optional<Long> apiTokenProject(String tokenHash) throws StoreException;

    // ---- users, project membership and sign-in sessions (the web UI)

    /** Creates a user; empty when the username is already taken. */
    Optional<UserRecord> createUser(NewUser user) throws StoreException;

    /** Every user, by username. */
    List<UserRecord> users() throws StoreException;

    Optional<UserRecord> user(long userId) throws StoreException;

    Optional<UserRecord> userByName(String username) throws StoreException;

    /** Deletes a user with their memberships and sessions; false when there was no such user. */
    boolean deleteUser(long userId) throws StoreException;

    /** Records the outcome of sign-in attempts: consecutive failures and the lock-out, if any. */
    void setSignInState(long userId, int failedSignIns, Optional<Instant> lockedUntil) throws StoreException;

    /** Adds or removes the user's membership of the project; doing what is already so changes nothing. */
    void setMember(long userId, long projectId, boolean member) throws StoreException;

    /** The ids of the projects the user is a member of. */
    Set<Long> memberProjects(long userId) throws StoreException;

    void createSession(SessionRecord session) throws StoreException;

    /** The session with this token hash, expired or not (the caller checks {@code expiresAt}). */
    Optional<SessionRecord> session(String tokenHash) throws StoreException;

    /** Ends a session; unknown hashes are ignored. */
    void deleteSession(String tokenHash) throws StoreException;

    // ---- the pipeline's write side

    /**
     * Applies one lane batch atomically: issue upserts, event inserts that ignore an already stored
     * {@code (project, eventId)}, counts per minute and hour for the events actually inserted, releases, deploys,
     * artifacts, quarantined records, and the lane checkpoint. Fails with {@link StoreException} and leaves nothing behind when
     * any part fails.
     */
    BatchOutcome apply(LaneBatch batch) throws StoreException;

    /** Where the lane's consumer resumes, and whether it is paused; empty before its first batch. */
    Optional<LaneCheckpoint> checkpoint(String lane) throws StoreException;

    /** Persists the pause flag of a lane (creating its checkpoint row at offset 0 if there is none). */
    void setPaused(String lane, boolean paused) throws StoreException;

    List<QuarantinedRecord> quarantine(String lane, int limit) throws StoreException;

    long quarantineCount(String lane) throws StoreException;

    /** Removes quarantined records (after they were re-queued). Unknown ids are ignored. */
    void deleteQuarantined(String lane, List<Long> ids) throws StoreException;

    // ---- the read API

    Page<IssueRecord> issues(IssueQuery query) throws StoreException;

    Optional<IssueRecord> issue(long issueId) throws StoreException;

    /** Counts per hour in [from, to), one entry per hour that had events, oldest first. */
    List<TimeCount> hourlyCounts(long issueId, Instant from, Instant to) throws StoreException;

    /** Counts per minute in [from, to), one entry per minute that had events, oldest first. */
    List<TimeCount> minuteCounts(long issueId, Instant from, Instant to) throws StoreException;

    /** Sets the status; resolving records {@code at} as the resolution time. Empty when there is no such issue. */
    Optional<IssueRecord> setIssueStatus(long issueId, IssueStatus status, Instant at) throws StoreException;

    /** Events of an issue, newest (by receive time) first. */
    Page<EventSummary> eventsOfIssue(long issueId, Optional<String> cursor, int limit) throws StoreException;

    Optional<StoredEvent> event(String eventId) throws StoreException;

    List<ReleaseRecord> releases(long projectId) throws StoreException;

    List<DeployRecord> deploys(long projectId) throws StoreException;

    /** The project's uploaded artifacts, metadata only, newest upload first. */
    List<ArtifactRecord> artifacts(long projectId) throws StoreException;

    /** An artifact's content as uploaded; empty when there is no such artifact. */
    Optional<byte[]> artifactContent(long artifactId) throws StoreException;

    // ---- alerting: signals, rules, channels, alerts and their outbox

    /**
     * Signals with an id above {@code afterId}, oldest first, at most {@code limit}. {@link #apply} writes one per new
     * and per regressed issue in the batch's own transaction.
     */
    List<AlertSignal> signalsAfter(long afterId, int limit) throws StoreException;

    /** A named cursor of an alerting consumer (e.g. the last signal id it handled); 0 when never set. */
    long alertCursor(String name) throws StoreException;

    void setAlertCursor(String name, long value) throws StoreException;

    /**
     * Events received in [{@code since}, now) of the project, only of the issue when given and only with the
     * environment when given: what frequency rules compare with their threshold.
     */
    long countEvents(long projectId, Optional<Long> issueId, Optional<String> environment, Instant since)
            throws StoreException;

    AlertRuleRecord createAlertRule(NewAlertRule rule) throws StoreException;

    /** The rules of one project, or of every project when empty; by id. */
    List<AlertRuleRecord> alertRules(Optional<Long> projectId) throws StoreException;

    /** Deletes a rule (its past alerts stay); false when there was no such rule. */
    boolean deleteAlertRule(long ruleId) throws StoreException;

    /** Enables or disables a rule (a disabled rule is not evaluated); the rule as stored, empty when there is none. */
    Optional<AlertRuleRecord> setAlertRuleEnabled(long ruleId, boolean enabled) throws StoreException;

    ChannelRecord createChannel(NewChannel channel) throws StoreException;

    /** Every channel, by id. */
    List<ChannelRecord> channels() throws StoreException;

    /**
     * Deletes a channel; its pending deliveries are cancelled (kept, never sent). False when there was no such channel.
     */
    boolean deleteChannel(long channelId) throws StoreException;

    /**
     * Enables or disables a channel. Disabling cancels its pending deliveries, as deleting does, and nothing queues new
     * ones while it is disabled. The channel as stored; empty when there is none.
     */
    Optional<ChannelRecord> setChannelEnabled(long channelId, boolean enabled) throws StoreException;

    /** The alert with this dedup key that is not resolved yet, if any (at most one exists). */
    Optional<AlertRecord> openAlert(String dedupKey) throws StoreException;

    Optional<AlertRecord> alert(long alertId) throws StoreException;

    /** Alerts in that state (every state when empty), newest first. */
    List<AlertRecord> alerts(Optional<String> state, int limit) throws StoreException;

    /** An alert's history, oldest first. */
    List<AlertHistoryEntry> alertHistory(long alertId) throws StoreException;

    /** Adds an entry to an alert's history (e.g. {@link AlertHistoryEntry#NO_CHANNEL}). */
    void addAlertHistory(long alertId, Instant at, String kind, String message) throws StoreException;

    /**
     * Open alerts whose last notifying change ({@code lastNotifiedAt}) queued no delivery that is not cancelled: their
     * current state has reached no channel yet. Oldest first, at most {@code limit}.
     */
    List<AlertRecord> unnotifiedAlerts(int limit) throws StoreException;

    /**
     * Applies one step of an alert's life in one transaction (see {@link AlertChange}) and returns the alert as
     * stored, with its id. Inserting a second unresolved alert with the same dedup key fails (non-transient).
     */
    AlertRecord applyAlertChange(AlertChange change) throws StoreException;

    /**
     * Pending deliveries due at {@code now} ({@code nextAttemptAt <= now}) that no dispatcher holds a lease on at
     * {@code now}, oldest first.
     */
    List<DeliveryRecord> dueDeliveries(Instant now, int limit) throws StoreException;

    /**
     * Takes a lease until {@code until} on those of the deliveries that are still pending, due and unleased at
     * {@code now}, for {@code claimer}, and returns them, oldest first. Deliveries another claimer is taking at the
     * same moment are skipped, not waited for, so of two dispatchers claiming one delivery exactly one gets it. A lease
     * that ran out (its dispatcher died) may be claimed again.
     */
    List<DeliveryRecord> claimDeliveries(List<Long> deliveryIds, String claimer, Instant now, Instant until)
            throws StoreException;

    /**
     * Extends {@code claimer}'s lease on a pending delivery until {@code until}; false when the delivery is no longer
     * pending or another claimer took it over (then it must not be sent).
     */
    boolean extendClaim(long deliveryId, String claimer, Instant until) throws StoreException;

    /** Gives up {@code claimer}'s leases on the deliveries, so that they may be claimed at once; others are ignored. */
    void releaseClaims(List<Long> deliveryIds, String claimer) throws StoreException;

    /** The deliveries of one alert, oldest first. */
    List<DeliveryRecord> deliveries(long alertId) throws StoreException;

    /**
     * Marks a delivery delivered after {@code attempts} attempts, ending the lease on it. Only {@code claimer}'s word
     * counts while it holds the lease or no one does: a dispatcher whose lease ran out and was taken over by another
     * is ignored, and the new holder records its own outcome.
     *
     * @return whether it was recorded: false when another claimer holds the lease, or the delivery is no longer
     *         pending (cancelled, or deleted with its channel)
     */
    boolean deliverySucceeded(long deliveryId, String claimer, int attempts, Instant at) throws StoreException;

    /**
     * Records a failed attempt and ends the lease on the delivery: it stays pending until {@code retryAt}, or, when
     * {@code retryAt} is empty, is given up ({@code failed}) and a {@code delivery_failed} entry is added to its
     * alert's history, in the same transaction. Ignored, like {@link #deliverySucceeded}, when another claimer holds
     * the lease: clearing it would let a third dispatcher send the delivery while the holder is still sending it.
     *
     * @return whether it was recorded, as for {@link #deliverySucceeded}
     */
    boolean deliveryFailed(long deliveryId, String claimer, int attempts, String error, Optional<Instant> retryAt,
            Instant at) throws StoreException;

    /** Deliveries given up (state failed) since the instant: a channel that keeps failing alerts on the others. */
    long failedDeliveriesSince(Instant since) throws StoreException;

    /**
     * When the oldest delivery still pending was queued, due or waiting for a retry; empty when none is pending. How
     * long notifications have waited, even while a hung channel's deliveries are all put off to a later retry.
     */
    Optional<Instant> oldestPendingDelivery() throws StoreException;

    // ---- the status page

    /** Every component's published status. */
    List<ComponentState> componentStates() throws StoreException;

    void setComponentState(ComponentState state) throws StoreException;

    /** Opens an incident with its first update; returns it with its id. */
    IncidentRecord openIncident(String component, String title, String status, String message, Instant at)
            throws StoreException;

    /**
     * Adds an update to an incident; status {@code resolved} also resolves it. {@code operator} is the username when a
     * person wrote it. Empty when there is no such incident.
     */
    Optional<IncidentRecord> addIncidentUpdate(
            long incidentId, String status, String message, Optional<String> operator, Instant at) throws StoreException;

    /** The unresolved incident of a component, if any. */
    Optional<IncidentRecord> openIncident(String component) throws StoreException;

    /** Incidents newest first, with their updates (oldest first). */
    List<IncidentRecord> incidents(int limit) throws StoreException;

    // ---- housekeeping

    /**
     * Retention and partition upkeep: deletes events (and their counts) received before {@code now - retention} and
     * sign-in sessions that expired before {@code now}, and on PostgreSQL creates the coming days' partitions and drops
     * expired ones. Idempotent; run it at start and periodically.
     */
    void maintain(Instant now) throws StoreException;

    /**
     * Alerting's retention: deletes, in write transactions of at most {@code chunk} rows, the alert signals every alert
     * cursor has moved past that arrived before {@code before}, the delivered, failed and cancelled deliveries and the
     * history of alerts resolved before {@code before}, and incidents (with their updates) resolved before it. Open
     * alerts and pending deliveries are never touched; the resolved alerts' own rows stay. Idempotent.
     *
     * @return rows deleted
     */
    long pruneAlerting(Instant before, int chunk) throws StoreException;

    @Override
    void close();
}
