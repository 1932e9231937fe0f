package io.recpipe.common.job;

import static io.recpipe.common.job.JobRows.clip;
import static io.recpipe.common.job.JobRows.time;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one place a job changes state (used by {@link JdbcJobStore} and {@link JobClaims}). */
final class JobTransitions {

  private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);

  private final JdbcClient jdbc;
  private final String table;
  private final JobEvents events;

  JobTransitions(JdbcClient jdbc, String table, JobEvents events) {
    this.jdbc = jdbc;
    this.table = table;
    this.events = events;
  }

  /** The values a move writes. */
  record Move(
      JobState to,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      String owner,
      Instant leaseUntil,
      String pendingStatus,
      WaitReason waitReason,
      int waits,
      String resultDetail) {

    /** A move that says nothing of a result. */
    Move(
        JobState to,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String owner,
        Instant leaseUntil,
        String pendingStatus,
        WaitReason waitReason,
        int waits) {
      this(
          to,
          attempts,
          nextAttemptAt,
          lastError,
          owner,
          leaseUntil,
          pendingStatus,
          waitReason,
          waits,
          null);
    }

    /** A move that keeps the job's wait bookkeeping as it is. */
    Move(
        JobState to,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String owner,
        Instant leaseUntil,
        String pendingStatus,
        Job from) {
      this(
          to,
          attempts,
          nextAttemptAt,
          lastError,
          owner,
          leaseUntil,
          pendingStatus,
          from.waitReason(),
          from.waits());
    }
  }

  /**
   * The one place a job changes state: checks the move, writes it conditionally on the version it
   * was read at, logs it and adds it to the job's history. Empty when another instance changed the
   * job first.
   */
  Optional<Job> move(Job from, Move next, Instant now, String reason) {
    if (!from.state().canMoveTo(next.to())) {
      throw new IllegalJobTransitionException(from.sessionId(), from.state(), next.to());
    }
    int rows =
        jdbc.sql(
                ("UPDATE %s SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
                        + " owner = ?, lease_until = ?, pending_status = ?, pending_taken_until = NULL,"
                        + " wait_reason = ?, waits = ?, result_detail = ?,"
                        + " version = version + 1, updated_at = ?"
                        + " WHERE session_id = ? AND state = ? AND version = ?")
                    .formatted(table))
            .params(
                next.to().name(),
                next.attempts(),
                time(next.nextAttemptAt()),
                next.lastError(),
                next.owner(),
                time(next.leaseUntil()),
                next.pendingStatus(),
                next.waitReason() == null ? null : next.waitReason().name(),
                next.waits(),
                next.resultDetail(),
                time(now),
                from.sessionId().value(),
                from.state().name(),
                from.version())
            .update();
    if (rows == 0) {
      log.debug("Job changed by someone else. table: {}, session: {}", table, from.sessionId());
      return Optional.empty();
    }
    log.info(
        "Job state changed. table: {}, session: {}, from: {}, to: {}, attempts: {}, owner: {}{}{}",
        table,
        from.sessionId(),
        from.state(),
        next.to(),
        next.attempts(),
        next.owner(),
        next.to() == JobState.WAITING ? ", waiting for: " + next.waitReason() : "",
        reason == null ? "" : ", reason: " + clip(reason, 300));
    Job moved =
        new Job(
            from.sessionId(),
            next.to(),
            next.attempts(),
            next.nextAttemptAt(),
            next.lastError(),
            next.owner(),
            next.leaseUntil(),
            from.detail(),
            next.pendingStatus(),
            from.version() + 1,
            from.createdAt(),
            now,
            next.waitReason(),
            next.waits(),
            from.announcedBy(),
            next.resultDetail());
    // Who did it: the claim's owner, kept through the settlement (a put-back clears it).
    String instance =
        next.owner() != null
            ? next.owner()
            : from.state() == JobState.RUNNING ? from.owner() : null;
    events.moved(moved, from.state(), instance, reason, now);
    return Optional.of(moved);
  }
}
