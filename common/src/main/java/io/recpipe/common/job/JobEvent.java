package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;
import java.time.Instant;

/**
 * One entry of a job's history ({@code <table>_event}).
 *
 * @param instance the process instance that did it (the claim's owner, the sender of a word)
 * @param from the state before a move; null for other kinds
 * @param to the state after a move; null for other kinds
 * @param attempt the job's attempt count after the event
 * @param waitReason why a job moved to {@code WAITING} waits
 * @param word the step sent to EmpowerID ({@link Kind#STATUS})
 * @param answer EmpowerID's answer to a word: {@code APPLIED}, {@code OWNED_ELSEWHERE}, {@code
 *     UNKNOWN_SESSION}, {@code ERROR}, or {@code KNOWN} when it was not sent because EmpowerID
 *     already had it
 * @param message the error, reason or detail that went with it
 */
public record JobEvent(
    long id,
    SessionId sessionId,
    Instant at,
    Kind kind,
    String instance,
    JobState from,
    JobState to,
    Integer attempt,
    WaitReason waitReason,
    String word,
    String answer,
    String message) {

  /** What happened. */
  public enum Kind {
    /** A job was created for the session. */
    QUEUED,
    /** An instance claimed the job: an attempt begins. */
    CLAIMED,
    /** A claimed job ended its attempt: done, retry, waiting or failed. */
    SETTLED,
    /** A failed job was given another full set of attempts. */
    REQUEUED,
    /** The job's row was deleted by an operator (its history stays). */
    FORGOTTEN,
    /** A word was sent to EmpowerID (or found already there). */
    STATUS
  }

  /** The kind of a move between two states. */
  static Kind kindOf(JobState from, JobState to) {
    if (to == JobState.RUNNING) {
      return Kind.CLAIMED;
    }
    return from == JobState.FAILED && to == JobState.QUEUED ? Kind.REQUEUED : Kind.SETTLED;
  }
}
