package io.recpipe.common.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a job stands. Every allowed move is listed in {@link #ALLOWED}; {@link JdbcJobStore}
 * refuses any other.
 *
 * <pre>
 * QUEUED ──claim──▶ RUNNING ──ok──▶ DONE
 *                   │  ▲  │ └─ lease expired: reclaimed (RUNNING ▶ RUNNING, an attempt)
 *                   │  │  └─ outside failure ──▶ WAITING (reason, due time; no attempt) ──due──┐
 *                   │  └──────────────────────────────────────────────────────────────────────┘
 *                failure of the recording
 *                   ▼
 *              RETRY_WAIT ──due──▶ RUNNING; attempts exhausted or permanent ──▶ FAILED ──requeue──▶ QUEUED
 * </pre>
 */
public enum JobState {
  QUEUED,
  RUNNING,
  /** A failed attempt (of the recording itself); due again at {@code next_attempt_at}. */
  RETRY_WAIT,
  /**
   * Put back because of something outside the recording ({@link WaitReason}); due again at {@code
   * next_attempt_at}. Uses no attempt.
   */
  WAITING,
  DONE,
  FAILED;

  /** The one list of allowed moves. */
  private static final Map<JobState, Set<JobState>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(RUNNING),
          RUNNING, EnumSet.of(RUNNING, DONE, RETRY_WAIT, WAITING, FAILED),
          RETRY_WAIT, EnumSet.of(RUNNING),
          WAITING, EnumSet.of(RUNNING),
          DONE, EnumSet.noneOf(JobState.class),
          FAILED, EnumSet.of(QUEUED));

  public boolean canMoveTo(JobState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Whether the job is over (nothing will claim it again, short of a requeue). */
  public boolean isFinal() {
    return this == DONE || this == FAILED;
  }
}
