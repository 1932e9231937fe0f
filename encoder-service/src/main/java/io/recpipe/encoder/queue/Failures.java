package io.recpipe.encoder.queue;

import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a failed attempt on the job: a retry later with a growing delay, or, when the attempts
 * are used up or the failure cannot go away, the end: the job fails, the recording is quarantined
 * and EmpowerID is told {@code PROCESSING_FAILED}.
 */
class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private final JdbcJobStore jobs;
  private final PendingStatuses pending;
  private final ProcessSettings settings;
  private final String owner;
  private final Clock clock;

  Failures(
      JdbcJobStore jobs,
      PendingStatuses pending,
      ProcessSettings settings,
      String owner,
      Clock clock) {
    this.jobs = jobs;
    this.pending = pending;
    this.settings = settings;
    this.owner = owner;
    this.clock = clock;
  }

  /**
   * @param tellEmpowerId whether EmpowerID is told if the job fails for good (not when it does not
   *     know the session)
   */
  Outcome record(Claim claim, String error, boolean permanent, boolean tellEmpowerId) {
    SessionId id = claim.job().sessionId();
    Instant now = clock.instant();
    String finalStatus = tellEmpowerId ? RecordingStep.PROCESSING_FAILED.name() : null;
    Optional<Job> after =
        permanent
            ? jobs.failPermanently(id, owner, error, finalStatus, now)
            : jobs.fail(
                id,
                owner,
                error,
                settings.maxAttempts(),
                now.plus(settings.delayAfter(claim.job().attempts())),
                finalStatus,
                now);
    if (after.isEmpty()) {
      return Outcome.LOST;
    }
    Job job = after.get();
    if (job.state() == JobState.FAILED) {
      log.error(
          "Recording given up on; quarantined. session: {}, attempts: {}, error: {}",
          id,
          job.attempts(),
          error);
      pending.settle(job);
      return Outcome.FAILED;
    }
    log.warn(
        "Conversion attempt failed; will retry. session: {}, attempt: {} of {}, next attempt: {},"
            + " error: {}",
        id,
        job.attempts(),
        settings.maxAttempts(),
        job.nextAttemptAt(),
        error);
    return Outcome.RETRY;
  }
}
