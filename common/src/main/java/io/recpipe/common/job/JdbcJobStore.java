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
  private final JobEvents events;

  public JdbcJobStore(DataSource dataSource, String table) {
    this(JdbcClient.create(dataSource), table);
  }

  public JdbcJobStore(JdbcClient jdbc, String table) {
    this.jdbc = jdbc;
    this.table = JobTableSchema.checkTableName(table);
    this.events = new JobEvents(jdbc, this.table);
    this.transitions = new JobTransitions(jdbc, this.table, events);
    this.claims = new JobClaims(jdbc, this.table, transitions);
  }

  public String table() {
    return table;
  }

  /** The jobs' history ({@code <table>_event}). */
  public JobEvents events() {
    return events;
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
              ("INSERT INTO %s (%s) VALUES (?, 'QUEUED', 0, NULL, NULL, NULL, NULL, ?, NULL, 0, ?,"
                      + " ?, NULL, 0, NULL, NULL)")
                  .formatted(table, JobRows.COLUMNS))
          .params(sessionId.value(), detail, time(now), time(now))
          .update();
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
    log.info("Job queued. table: {}, session: {}", table, sessionId);
    find(sessionId).ifPresent(job -> events.moved(job, null, null, detail, now));
    return true;
  }

  /**
   * Claims work for {@code owner}, by due time: first {@code RETRY_WAIT} jobs that are due (at most
   * {@code retryLimit}), then, until {@code totalLimit} jobs are claimed, the rest that is eligible
   * in the order it became due: {@code QUEUED} jobs (due when queued), {@code WAITING} jobs whose
   * due time passed, and {@code RUNNING} jobs whose owner's lease expired (it died). A job put back
   * for a while is not eligible until its due time, so it never blocks others. Each claim bumps the
   * attempts and sets owner and lease.
   */
  public List<Claim> claim(
      String owner, int retryLimit, int totalLimit, Duration lease, Instant now) {
    return claimBatch(owner, retryLimit, totalLimit, lease, now, true);
  }

  /**
   * Claims up to {@code limit} jobs whose owner's lease expired (it died while working on them),
   * the longest dead first. Such a job may be what killed its owner: the runner takes these apart
   * from other work and runs each alone, so a crash it causes costs no other job an attempt.
   */
  public List<Claim> claimReclaimable(String owner, int limit, Duration lease, Instant now) {
    var claimed = new ArrayList<Claim>();
    this.claims.claimFrom(
        "state = 'RUNNING' AND lease_until < ? ORDER BY lease_until, session_id",
        List.of(time(now)),
        limit,
        owner,
        lease,
        now,
        claimed);
    return claimed;
  }

  /** As {@link #claim}, without jobs whose owner died ({@link #claimReclaimable} takes those). */
  public List<Claim> claimDue(
      String owner, int retryLimit, int totalLimit, Duration lease, Instant now) {
    return claimBatch(owner, retryLimit, totalLimit, lease, now, false);
  }

  private List<Claim> claimBatch(
      String owner,
      int retryLimit,
      int totalLimit,
      Duration lease,
      Instant now,
      boolean withDeadOwners) {
    var claimed = new ArrayList<Claim>();
    this.claims.claimFrom(
        "state = 'RETRY_WAIT' AND next_attempt_at <= ? ORDER BY next_attempt_at, session_id",
        List.of(time(now)),
        Math.min(retryLimit, totalLimit),
        owner,
        lease,
        now,
        claimed);
    String rest =
        withDeadOwners
            ? "(state = 'QUEUED' OR (state = 'WAITING' AND next_attempt_at <= ?)"
                + " OR (state = 'RUNNING' AND lease_until < ?))"
                + " ORDER BY COALESCE(next_attempt_at, lease_until, created_at), session_id"
            : "(state = 'QUEUED' OR (state = 'WAITING' AND next_attempt_at <= ?))"
                + " ORDER BY COALESCE(next_attempt_at, created_at), session_id";
    this.claims.claimFrom(
        rest,
        withDeadOwners ? List.of(time(now), time(now)) : List.of(time(now)),
        totalLimit,
        owner,
        lease,
        now,
        claimed);
    return claimed;
  }

  /**
   * Fails a job that reached its attempt limit through deaths of its owner, without running it
   * again: the claim that found it so was no attempt, so it is not counted.
   */
  public Optional<Job> failAtLimit(
      SessionId sessionId, String owner, String error, String pendingStatus, Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        error,
        job ->
            new JobTransitions.Move(
                JobState.FAILED,
                Math.max(0, job.attempts() - 1),
                null,
                clip(error, ERROR_MAX),
                owner,
                null,
                pendingStatus,
                null,
                0));
  }

  /**
   * Makes the jobs {@code owner} held when it stopped eligible at once (a restarted replica takes
   * back its own work without waiting for its leases to run out); the next claim reclaims them.
   *
   * @return how many
   */
  public int expireLeasesOf(String owner, Instant now) {
    int rows =
        jdbc.sql(
                ("UPDATE %s SET lease_until = ?, version = version + 1, updated_at = ?"
                        + " WHERE state = 'RUNNING' AND owner = ?")
                    .formatted(table))
            .params(time(now.minusMillis(1)), time(now), owner)
            .update();
    if (rows > 0) {
      log.info(
          "Own jobs taken back at start-up. table: {}, owner: {}, jobs: {}", table, owner, rows);
    }
    return rows;
  }

  /**
   * When the next run has something to do: the earliest of queued jobs, due times of waiting and
   * retrying jobs, leases of running ones and statuses EmpowerID must still hear; empty when there
   * is nothing left to do.
   */
  public Optional<Instant> nextDue() {
    return jdbc.sql(
            ("SELECT MIN(CASE WHEN pending_status IS NOT NULL"
                    + " THEN COALESCE(pending_taken_until, updated_at)"
                    + " WHEN state = 'QUEUED' THEN created_at"
                    + " WHEN state = 'RUNNING' THEN lease_until ELSE next_attempt_at END) AS due"
                    + " FROM %s WHERE state IN ('QUEUED', 'WAITING', 'RETRY_WAIT', 'RUNNING')"
                    + " OR pending_status IS NOT NULL")
                .formatted(table))
        .query(
            (rs, row) -> {
              var due = rs.getObject("due", java.time.OffsetDateTime.class);
              return Optional.ofNullable(due).map(java.time.OffsetDateTime::toInstant);
            })
        .single();
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
    return complete(sessionId, owner, pendingStatus, null, now);
  }

  /**
   * As {@link #complete(SessionId, String, String, Instant)}, keeping what the work said of its
   * result with the job (clipped to the column), in the same update.
   *
   * @param resultDetail e.g. the damaged ranges a conversion skipped; null or blank for none
   */
  public Optional<Job> complete(
      SessionId sessionId, String owner, String pendingStatus, String resultDetail, Instant now) {
    String kept = resultDetail == null || resultDetail.isBlank() ? null : clip(resultDetail, 2000);
    return moveHeld(
        sessionId,
        owner,
        now,
        kept,
        job ->
            new JobTransitions.Move(
                JobState.DONE,
                job.attempts(),
                null,
                job.lastError(),
                owner,
                null,
                pendingStatus,
                null,
                0,
                kept));
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
                    job.pendingStatus(),
                    null,
                    0));
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

  /**
   * Puts a job back without using up an attempt: something outside the recording failed (EmpowerID,
   * the store, the disk, a takeover, shutdown). It is {@code WAITING} until {@code due}, with the
   * reason; {@code waits} counts such put-backs in a row, for the caller's backoff.
   */
  public Optional<Job> putBack(
      SessionId sessionId,
      String owner,
      WaitReason reason,
      String message,
      Instant due,
      Instant now) {
    return moveHeld(
        sessionId,
        owner,
        now,
        reason + ": " + message,
        job ->
            new JobTransitions.Move(
                JobState.WAITING,
                Math.max(0, job.attempts() - 1),
                due,
                clip(message, ERROR_MAX),
                null,
                null,
                job.pendingStatus(),
                reason,
                job.waits() + 1));
  }

  /**
   * Gives a job that failed for good another full set of attempts ({@code FAILED -> QUEUED},
   * attempts and waits reset; the last error stays for the record).
   *
   * @return the queued job; empty when there is no such job or it is not {@code FAILED}
   */
  public Optional<Job> requeue(SessionId sessionId, Instant now) {
    Optional<Job> job = find(sessionId);
    if (job.isEmpty() || job.get().state() != JobState.FAILED) {
      log.warn(
          "Requeue refused: only a failed job can be requeued. table: {}, session: {}, state: {}",
          table,
          sessionId,
          job.map(j -> j.state().name()).orElse("absent"));
      return Optional.empty();
    }
    Job failed = job.get();
    return transitions.move(
        failed,
        new JobTransitions.Move(
            JobState.QUEUED, 0, null, failed.lastError(), null, null, null, null, 0),
        now,
        "requeued");
  }

  /** What became of a request to forget a job. */
  public enum Forgetting {
    FORGOTTEN,
    NO_JOB,
    /** Refused: an instance is working on it (its lease may have run out; it is reclaimed soon). */
    RUNNING,
    /** The job changed while being forgotten; try again. */
    CHANGED
  }

  /**
   * Deletes a job's row, unless it is {@code RUNNING}; its history stays. A session whose input is
   * still there and that EmpowerID still lists may be queued again by a later scan.
   */
  public Forgetting forget(SessionId sessionId, Instant now) {
    Optional<Job> job = find(sessionId);
    if (job.isEmpty()) {
      return Forgetting.NO_JOB;
    }
    if (job.get().state() == JobState.RUNNING) {
      return Forgetting.RUNNING;
    }
    int rows =
        jdbc.sql(
                "DELETE FROM %s WHERE session_id = ? AND version = ? AND state <> 'RUNNING'"
                    .formatted(table))
            .params(sessionId.value(), job.get().version())
            .update();
    if (rows == 0) {
      return Forgetting.CHANGED;
    }
    log.info(
        "Job forgotten. table: {}, session: {}, state: {}", table, sessionId, job.get().state());
    events.forgotten(job.get(), now);
    return Forgetting.FORGOTTEN;
  }

  /**
   * Notes that EmpowerID took a non-final word from {@code owner} for the session (it owns the
   * session there now).
   */
  public boolean markAnnounced(SessionId sessionId, String owner, Instant now) {
    return jdbc.sql(
                ("UPDATE %s SET announced_by = ?, version = version + 1, updated_at = ?"
                        + " WHERE session_id = ? AND state = 'RUNNING' AND owner = ?")
                    .formatted(table))
            .params(owner, time(now), sessionId.value(), owner)
            .update()
        == 1;
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

  /** Keeps a taken pending status from being sent again before {@code until}. */
  public boolean deferPendingStatus(SessionId sessionId, String expected, Instant until) {
    return jdbc.sql(
                ("UPDATE %s SET pending_taken_until = ?, version = version + 1"
                        + " WHERE session_id = ? AND pending_status = ?")
                    .formatted(table))
            .params(time(until), sessionId.value(), expected)
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

  /**
   * A page of jobs, most recently changed first.
   *
   * @param state only jobs in this state; null for all
   * @param reason only {@code WAITING} jobs waiting for this reason; null for any
   */
  public List<Job> page(JobState state, WaitReason reason, int offset, int limit) {
    Filter filter = Filter.of(state, reason);
    return jdbc.sql(
            "SELECT %s FROM %s%s ORDER BY updated_at DESC, session_id LIMIT %d OFFSET %d"
                .formatted(JobRows.COLUMNS, table, filter.where(), limit, offset))
        .params(filter.params())
        .query(JobRows::map)
        .list();
  }

  /** How many jobs {@link #page} pages through. */
  public long count(JobState state, WaitReason reason) {
    Filter filter = Filter.of(state, reason);
    return jdbc.sql("SELECT COUNT(*) FROM %s%s".formatted(table, filter.where()))
        .params(filter.params())
        .query(Long.class)
        .single();
  }

  /** The job that has waited longest to be done (queued, waiting or due for a retry). */
  public Optional<Job> oldestWaiting() {
    return jdbc.sql(
            ("SELECT %s FROM %s WHERE state IN ('QUEUED', 'WAITING', 'RETRY_WAIT')"
                    + " ORDER BY created_at, session_id LIMIT 1")
                .formatted(JobRows.COLUMNS, table))
        .query(JobRows::map)
        .optional();
  }

  private record Filter(String where, List<Object> params) {
    static Filter of(JobState state, WaitReason reason) {
      var clauses = new ArrayList<String>();
      var params = new ArrayList<Object>();
      if (state != null) {
        clauses.add("state = ?");
        params.add(state.name());
      }
      if (reason != null) {
        clauses.add("state = 'WAITING' AND wait_reason = ?");
        params.add(reason.name());
      }
      return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }
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

  /** How many jobs wait for each reason (every reason present, zero when none). */
  public Map<WaitReason, Long> countsWaitingByReason() {
    var counts = new EnumMap<WaitReason, Long>(WaitReason.class);
    for (WaitReason reason : WaitReason.values()) {
      counts.put(reason, 0L);
    }
    jdbc.sql(
            "SELECT wait_reason, COUNT(*) AS n FROM %s WHERE state = 'WAITING' GROUP BY wait_reason"
                .formatted(table))
        .query(
            rs -> {
              String reason = rs.getString("wait_reason");
              if (reason != null) {
                counts.put(WaitReason.valueOf(reason), rs.getLong("n"));
              }
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
    return new JobTransitions.Move(
        to, job.attempts(), null, lastError, owner, null, pendingStatus, null, 0);
  }

  private Optional<Job> held(SessionId sessionId, String owner) {
    Optional<Job> job = find(sessionId);
    if (job.isEmpty() || !job.get().heldBy(owner)) {
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
