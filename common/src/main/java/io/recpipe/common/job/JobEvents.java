package io.recpipe.common.job;

import static io.recpipe.common.job.JobRows.clip;
import static io.recpipe.common.job.JobRows.time;

import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.session.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The history of a service's jobs, in {@code <table>_event} ({@code job-table-events.sql}): every
 * move of a job and every word sent to EmpowerID, written where they happen ({@link
 * JobTransitions}, {@link JobRunner}, {@link PendingStatuses}). History is a record, not state: a
 * failed write is logged and the job goes on.
 */
public final class JobEvents {

  private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
  private static final int MESSAGE_MAX = 2000;
  private static final String COLUMNS =
      "id, session_id, occurred_at, kind, instance_id, from_state, to_state, attempt, wait_reason,"
          + " word, answer, message";

  private final JdbcClient jdbc;
  private final String jobTable;
  private final String table;

  JobEvents(JdbcClient jdbc, String jobTable) {
    this.jdbc = jdbc;
    this.jobTable = jobTable;
    this.table = jobTable + "_event";
  }

  /** A job's move from one state to another ({@code from} null when it was created). */
  void moved(Job job, JobState from, String instance, String message, Instant at) {
    JobEvent.Kind kind = from == null ? JobEvent.Kind.QUEUED : JobEvent.kindOf(from, job.state());
    insert(
        job.sessionId(),
        at,
        kind,
        instance,
        from,
        job.state(),
        job.attempts(),
        job.state() == JobState.WAITING ? job.waitReason() : null,
        null,
        null,
        message);
  }

  /** The job's row was deleted by an operator. */
  void forgotten(Job job, Instant at) {
    insert(
        job.sessionId(),
        at,
        JobEvent.Kind.FORGOTTEN,
        null,
        job.state(),
        null,
        job.attempts(),
        null,
        null,
        null,
        job.lastError());
  }

  /**
   * A word sent to EmpowerID for the session, with its answer ({@code APPLIED}, {@code
   * OWNED_ELSEWHERE}, {@code UNKNOWN_SESSION}, {@code ERROR}, {@code KNOWN}).
   */
  public void statusSent(
      SessionId id, String instance, RecordingStep word, String answer, String detail, Instant at) {
    insert(
        id,
        at,
        JobEvent.Kind.STATUS,
        instance,
        null,
        null,
        null,
        null,
        word.name(),
        answer,
        detail);
  }

  /** One session's history, oldest first. */
  public List<JobEvent> of(SessionId id) {
    return jdbc.sql("SELECT %s FROM %s WHERE session_id = ? ORDER BY id".formatted(COLUMNS, table))
        .param(id.value())
        .query(JobEvents::map)
        .list();
  }

  /**
   * The moves (claims and settlements) since {@code since}, oldest first, at most {@code limit}.
   */
  public List<JobEvent> movesSince(Instant since, int limit) {
    return jdbc.sql(
            ("SELECT %s FROM %s WHERE occurred_at >= ? AND kind IN ('SETTLED', 'CLAIMED')"
                    + " ORDER BY occurred_at LIMIT %d")
                .formatted(COLUMNS, table, limit))
        .param(time(since))
        .query(JobEvents::map)
        .list();
  }

  /**
   * Deletes the whole history of sessions whose job is done or gone and whose last event is older
   * than {@code before}, at most {@code limit} rows; the history of a job that is failed, waiting
   * or under way is kept whatever its age (an operator may still need it), and a timeline is never
   * cut in part.
   *
   * @return the rows deleted
   */
  public int prune(Instant before, int limit) {
    return jdbc.sql(
            ("DELETE FROM %1$s WHERE id IN (SELECT e.id FROM %1$s e WHERE e.occurred_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM %2$s j WHERE j.session_id = e.session_id"
                    + " AND j.state <> 'DONE') AND NOT EXISTS (SELECT 1 FROM %1$s n"
                    + " WHERE n.session_id = e.session_id AND n.occurred_at >= ?)"
                    + " ORDER BY e.id LIMIT %3$d)")
                .formatted(table, jobTable, limit))
        .params(time(before), time(before))
        .update();
  }

  private void insert(
      SessionId id,
      Instant at,
      JobEvent.Kind kind,
      String instance,
      JobState from,
      JobState to,
      Integer attempt,
      WaitReason reason,
      String word,
      String answer,
      String message) {
    try {
      jdbc.sql(
              ("INSERT INTO %s (session_id, occurred_at, kind, instance_id, from_state, to_state,"
                      + " attempt, wait_reason, word, answer, message)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .formatted(table))
          .params(
              id.value(),
              time(at),
              kind.name(),
              clip(instance, 200),
              from == null ? null : from.name(),
              to == null ? null : to.name(),
              attempt,
              reason == null ? null : reason.name(),
              word,
              answer,
              clip(message, MESSAGE_MAX))
          .update();
    } catch (DataAccessException e) {
      log.warn("Job history not written. table: {}, session: {}, event: {}", table, id, kind, e);
    }
  }

  private static JobEvent map(ResultSet rs, int row) throws SQLException {
    String from = rs.getString("from_state");
    String to = rs.getString("to_state");
    String reason = rs.getString("wait_reason");
    Integer attempt = rs.getObject("attempt", Integer.class);
    return new JobEvent(
        rs.getLong("id"),
        SessionId.of(rs.getString("session_id")),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        JobEvent.Kind.valueOf(rs.getString("kind")),
        rs.getString("instance_id"),
        from == null ? null : JobState.valueOf(from),
        to == null ? null : JobState.valueOf(to),
        attempt,
        reason == null ? null : WaitReason.valueOf(reason),
        rs.getString("word"),
        rs.getString("answer"),
        rs.getString("message"));
  }
}
