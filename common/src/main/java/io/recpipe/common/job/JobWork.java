package io.recpipe.common.job;

import io.recpipe.common.empowerid.RecordingStep;
import java.util.Optional;

/**
 * What a service does with one claimed job; {@link JobRunner} does the rest (claims, EmpowerID's
 * working step and heartbeats, leases, bookkeeping, shutdown).
 */
public interface JobWork {

  /** The non-final step EmpowerID hears while this service works ({@code PROCESSING}, …). */
  RecordingStep workingStep();

  /** The step EmpowerID hears when the service gives up ({@code PROCESSING_FAILED}, …). */
  RecordingStep failedStep();

  /** Once at start-up, before the first claim: remove this instance's left-overs. */
  default void startUp() {}

  /**
   * Before EmpowerID hears the working step: clean up after a dead owner ({@link
   * Claim#reclaimed()}) and check the inputs; a result ends this run of the job there.
   */
  Optional<WorkResult> prepare(Claim claim);

  /**
   * The work itself, after EmpowerID took the working step. Progress goes to {@code progress} (it
   * is sent with the heartbeats). An interrupt means the service is stopping or the job was taken
   * over: stop soon, remove partial output and return or throw {@link InterruptedException}.
   */
  WorkResult run(Claim claim, JobProgress progress) throws InterruptedException;

  /** Before a failed job is queued again (e.g. bring its input back from quarantine). */
  default void beforeRequeue(Job job) {}
}
