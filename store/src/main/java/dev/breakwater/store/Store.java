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
     * quarantined records, and the lane checkpoint. Fails with {@link StoreException} and leaves nothing behind when
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

    // ---- housekeeping

    /**
     * Retention and partition upkeep: deletes events (and their counts) received before {@code now - retention} and
     * sign-in sessions that expired before {@code now}, and on PostgreSQL creates the coming days' partitions and drops
     * expired ones. Idempotent; run it at start and periodically.
     */
    void maintain(Instant now) throws StoreException;

    @Override
    void close();
}
