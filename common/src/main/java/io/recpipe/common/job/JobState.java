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
 *    ▲  ◀──release──   │ ▲
 *    │                 │ └─ lease expired: reclaimed (RUNNING ▶ RUNNING)
 *    │              failure
 *    │                 ▼
 *    └──due──── RETRY_WAIT ──(attempts exhausted or permanent)──▶ FAILED
 * </pre>
 */
public enum JobState {
  QUEUED,
  RUNNING,
  RETRY_WAIT,
  DONE,
  FAILED;

  /** The one list of allowed moves. */
  private static final Map<JobState, Set<JobState>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(RUNNING),
          RUNNING, EnumSet.of(RUNNING, DONE, RETRY_WAIT, FAILED, QUEUED),
          RETRY_WAIT, EnumSet.of(RUNNING),
          DONE, EnumSet.noneOf(JobState.class),
          FAILED, EnumSet.noneOf(JobState.class));

  public boolean canMoveTo(JobState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Whether the job is over (nothing will claim it again). */
  public boolean isFinal() {
    return this == DONE || this == FAILED;
  }
}
