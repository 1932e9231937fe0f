package io.recpipe.common.job;

import io.recpipe.common.empowerid.RecordingStep;
import java.time.Duration;

/**
 * What became of one claimed job's work: the one outcome type both services return. {@link
 * JobRunner} turns it into the job's next state, so the bookkeeping (attempts, backoff, statuses to
 * send) lives in one place.
 */
public sealed interface WorkResult {

  /**
   * The work is done; the job completes with {@code status} for EmpowerID.
   *
   * @param detail what the work says of its result, kept with the job and sent with the status
   *     (e.g. the damaged byte ranges a conversion skipped); empty when there is nothing to say
   */
  record Done(RecordingStep status, String detail) implements WorkResult {

    public Done {
      detail = detail == null ? "" : detail;
    }

    /** Done with nothing to say of the result. */
    public Done(RecordingStep status) {
      this(status, "");
    }
  }

  /**
   * An attempt failed because of the recording (or something about this session): tried again after
   * a growing delay, given up on once the attempts are used.
   */
  record Retry(String error) implements WorkResult {}

  /**
   * A failure that cannot go away: the job fails now.
   *
   * @param tellEmpowerId false when EmpowerID must not hear of it (it does not know the session)
   */
  record Failed(String error, boolean tellEmpowerId) implements WorkResult {}

  /**
   * Something outside the recording failed: the job waits without using an attempt.
   *
   * @param after how long; null for the runner's capped backoff on the waits in a row
   */
  record Wait(WaitReason reason, String message, Duration after) implements WorkResult {

    public Wait(WaitReason reason, String message) {
      this(reason, message, null);
    }
  }

  /** Someone else takes care of the session (e.g. another deployment owns it): the job ends. */
  record Drop(String reason) implements WorkResult {}
}
