package io.recpipe.common.job;

import static io.recpipe.common.job.JobRows.clip;
import static io.recpipe.common.job.JobRows.time;

import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable job queue of one service, in one table ({@code job-table.sql}).
 *
 * <p>Several instances may share the table: every claim and every move is one conditional {@code
 * UPDATE … WHERE session_id = ? AND state = ? AND version = ?} that bumps {@code version}, so of
 * two instances racing for a job exactly one changes the row and the other sees zero rows updated.
 * Attempts are counted when a job is claimed, so a recording that kills the process still runs out
 * of attempts. Every state change goes through {@link #move}, which checks {@link JobState},
 * persists and logs it.
 */
public class JdbcJobStore {

  private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);
  private static final int ERROR_MAX = 2000;

  private final JdbcClient jdbc;
  private final String table;
  private final JobTransitions transitions;
  private final JobClaims claims;

  public JdbcJobStore(DataSource dataSource, String table) {
    this(JdbcClient.create(dataSource), table);
  }

  public JdbcJobStore(JdbcClient jdbc, String table) {
    this.jdbc = jdbc;
    this.table = JobTableSchema.checkTableName(table);
    this.transitions = new JobTransitions(jdbc, this.table);
    this.claims = new JobClaims(jdbc, this.table, transitions);
  }

  public String table() {
    return table;
  }

  /**
   * Queues a session unless it already has a job in any state (a finished job is never queued
   * again).
   *
   * @return whether a new job was queued
   */
  public boolean enqueue(SessionId sessionId, String detail, Instant now) {
    try {
      jdbc.sql(
              "INSERT INTO %s (%s) VALUES (?, 'QUEUED', 0, NULL, NULL, NULL, NULL, ?, NULL, 0, ?, ?)"
                  .formatted(table, JobRows.COLUMNS))
          .params(sessionId.value(), detail, time(now), time(now))
          .update();
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
    log.info("Job queued. table: {}, session: {}", table, sessionId);
    return true;
  }

  /**
   * Claims work for {@code owner}: first jobs whose owner's lease expired and {@code RETRY_WAIT}
   * jobs that are due (together at most {@code retryLimit}, oldest first), then {@code QUEUED} jobs
   * (oldest first) until {@code totalLimit} jobs are claimed. Each claim bumps the attempts and
   * sets owner and lease.
   */
  public List<Claim> claim(
      String owner, int retryLimit, int totalLimit, Duration lease, Instant now) {
    var claimed = new ArrayList<Claim>();
    int retries = Math.min(retryLimit, totalLimit);
    this.claims.claimFrom(
        "state = 'RUNNING' AND lease_until < ? ORDER BY lease_until, session_id",
        now,
        retries,
        owner,
        lease,
        now,
        claimed);
    this.claims.claimFrom(
        "state = 'RETRY_WAIT' AND next_attempt_at <= ? ORDER BY next_attempt_at, session_id",
        now,
        retries,
        owner,
        lease,
        now,
        claimed);
    this.claims.claimFrom(
        "state = 'QUEUED' ORDER BY created_at, session_id",
        null,
        totalLimit,
        owner,
        lease,
        now,
        claimed);
    return claimed;
  }

  /** Extends the lease of a job {@code owner} holds; false when it no longer holds it. */
  public boolean renewLease(SessionId sessionId, String owner, Duration lease, Instant now) {
    int rows =
        jdbc.sql(
                ("UPDATE %s SET lease_until = ?, version = version + 1, updated_at = ?"
                        + " WHERE session_id = ? AND state = 'RUNNING' AND owner = ?")
                    .formatted(table))
            .params(time(now.plus(lease)), time(now), sessionId.value(), owner)
            .update();
    if (rows == 0) {
      log.warn("Lease lost. table: {}, session: {}, owner: {}", table, sessionId, owner);
    }
    return rows == 1;
  }

  /**
   * Marks a job done.
   *
   * @param pendingStatus a status EmpowerID must still be told, stored in the same update; null for
   *     none
   * @return the job, or empty when {@code owner} no longer holds it
   */
  public Optional<Job> complete(
      SessionId sessionId, String owner, String pendingStatus, Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        null,
        job -> ended(JobState.DONE, job, job.lastError(), owner, pendingStatus));
  }

  /** Marks a job done because another party took care of it (e.g. another replica owns it). */
  public Optional<Job> drop(SessionId sessionId, String owner, String reason, Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        reason,
        job -> ended(JobState.DONE, job, clip(reason, ERROR_MAX), owner, job.pendingStatus()));
  }

  /**
   * Records a failed attempt: {@code RETRY_WAIT} until {@code nextAttemptAt}, or {@code FAILED}
   * when {@code maxAttempts} are used up.
   *
   * @param pendingStatusIfFailed the status EmpowerID must be told if the job fails for good
   */
  public Optional<Job> fail(
      SessionId sessionId,
      String owner,
      String error,
      int maxAttempts,
      Instant nextAttemptAt,
      String pendingStatusIfFailed,
      Instant now) {
    String clipped = clip(error, ERROR_MAX);
    return moveHeld(
        sessionId,
        owner,
        now,
        error,
        job ->
            job.attempts() >= maxAttempts
                ? ended(JobState.FAILED, job, clipped, owner, pendingStatusIfFailed)
                : new JobTransitions.Move(
                    JobState.RETRY_WAIT,
                    job.attempts(),
                    nextAttemptAt,
                    clipped,
                    owner,
                    null,
                    job.pendingStatus()));
  }

  /** Fails a job for good, whatever attempts are left (the failure cannot go away). */
  public Optional<Job> failPermanently(
      SessionId sessionId, String owner, String error, String pendingStatus, Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        error,
        job -> ended(JobState.FAILED, job, clip(error, ERROR_MAX), owner, pendingStatus));
  }

  /** Gives a job back to the queue without using up an attempt (e.g. EmpowerID unreachable). */
  public Optional<Job> release(SessionId sessionId, String owner, String reason, Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        reason,
        job ->
            new JobTransitions.Move(
                JobState.QUEUED,
                Math.max(0, job.attempts() - 1),
                null,
                job.lastError(),
                null,
                null,
                job.pendingStatus()));
  }

  /** Jobs with a status EmpowerID must still be told, oldest change first. */
  public List<Job> withPendingStatus(int limit) {
    return jdbc.sql(
            "SELECT %s FROM %s WHERE pending_status IS NOT NULL ORDER BY updated_at LIMIT %d"
                .formatted(JobRows.COLUMNS, table, limit))
        .query(JobRows::map)
        .list();
  }

  /**
   * Takes the right to send a job's pending status for {@code lease}: one conditional update on the
   * version the caller read and on nobody else holding that right. Of several instances (or a run
   * and a late re-send) only one sends it, also when another reads the job after the take and
   * before the status is cleared; a status is never sent again after it was cleared and the session
   * moved on. When the holder dies, the status can be taken again once the lease ran out.
   */
  public boolean takePendingStatus(Job job, Duration lease, Instant now) {
    return jdbc.sql(
                ("UPDATE %s SET pending_taken_until = ?, version = version + 1, updated_at = ?"
                        + " WHERE session_id = ? AND version = ? AND pending_status = ?"
                        + " AND (pending_taken_until IS NULL OR pending_taken_until < ?)")
                    .formatted(table))
            .params(
                time(now.plus(lease)),
                time(now),
                job.sessionId().value(),
                job.version(),
                job.pendingStatus(),
                time(now))
            .update()
        == 1;
  }

  /** Gives up the right to send a pending status (the send failed): the next run may take it. */
  public boolean releasePendingStatus(SessionId sessionId, String expected, Instant now) {
    return jdbc.sql(
                ("UPDATE %s SET pending_taken_until = NULL, version = version + 1, updated_at = ?"
                        + " WHERE session_id = ? AND pending_status = ?")
                    .formatted(table))
            .params(time(now), sessionId.value(), expected)
            .update()
        == 1;
  }

  /** Clears a pending status once EmpowerID has it; false when it changed meanwhile. */
  public boolean clearPendingStatus(SessionId sessionId, String expected, Instant now) {
    return jdbc.sql(
                ("UPDATE %s SET pending_status = NULL, pending_taken_until = NULL,"
                        + " version = version + 1, updated_at = ? WHERE session_id = ?"
                        + " AND pending_status = ?")
                    .formatted(table))
            .params(time(now), sessionId.value(), expected)
            .update()
        == 1;
  }

  public Optional<Job> find(SessionId sessionId) {
    return jdbc.sql("SELECT %s FROM %s WHERE session_id = ?".formatted(JobRows.COLUMNS, table))
        .param(sessionId.value())
        .query(JobRows::map)
        .optional();
  }

  /** How many jobs are in each state (every state present, zero when none). */
  public Map<JobState, Long> countsByState() {
    var counts = new EnumMap<JobState, Long>(JobState.class);
    for (JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    jdbc.sql("SELECT state, COUNT(*) AS n FROM %s GROUP BY state".formatted(table))
        .query(
            rs -> {
              counts.put(JobState.valueOf(rs.getString("state")), rs.getLong("n"));
            });
    return counts;
  }

  /** Moves a job {@code owner} still holds; empty when it no longer does. */
  private Optional<Job> moveHeld(
      SessionId sessionId,
      String owner,
      Instant now,
      String reason,
      Function<Job, JobTransitions.Move> next) {
    return held(sessionId, owner)
        .flatMap(job -> transitions.move(job, next.apply(job), now, reason));
  }

  /** A move to a state with no next attempt and no lease, keeping the attempt count. */
  private static JobTransitions.Move ended(
      JobState to, Job job, String lastError, String owner, String pendingStatus) {
    return new JobTransitions.Move(to, job.attempts(), null, lastError, owner, null, pendingStatus);
  }

  private Optional<Job> held(SessionId sessionId, String owner) {
    Optional<Job> job = find(sessionId);
    if (job.isEmpty() || !owner.equals(job.get().owner())) {
      log.warn(
          "Job no longer held. table: {}, session: {}, owner: {}, state: {}",
          table,
          sessionId,
          owner,
          job.map(j -> j.state() + " by " + j.owner()).orElse("absent"));
      return Optional.empty();
    }
    return job;
  }
}
