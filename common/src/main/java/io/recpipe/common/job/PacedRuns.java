package io.recpipe.common.job;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's job runs: its {@link JobRunner} paced by a {@link RunPacer}. A run starts when the
 * interval passed, when a job is due sooner (a retry, a wait, a dead owner's lease), or when a scan
 * queued new work ({@link #wake()}). The encoder's process runs and the uploader's upload runs are
 * each one of these.
 */
public class PacedRuns {

  private static final Logger log = LoggerFactory.getLogger(PacedRuns.class);

  /** After a skipped run (EmpowerID's circuit open), how soon to try again. */
  public static final Duration SKIPPED_RETRY = Duration.ofSeconds(30);

  private final JobRunner runner;
  private final RunPacer pacer;

  public PacedRuns(JobRunner runner, RunPacer pacer) {
    this.runner = runner;
    this.pacer = pacer;
  }

  /** One run now, whatever the pacer says (tests and one-off runs). */
  public JobRunner.RunResult runOnce() throws InterruptedException {
    return runner.runOnce();
  }

  /** Called by a frequent timer: runs when a run is due, then sets when the next one is. */
  public void tick() throws InterruptedException {
    if (!pacer.takeTurn()) {
      return;
    }
    JobRunner.RunResult result = runner.runOnce();
    if (result.skipped()) {
      pacer.retryIn(SKIPPED_RETRY);
    } else {
      pacer.ran(runner.jobs().nextDue());
    }
    log.debug("Next run at {}", pacer.next());
  }

  /** Makes the next tick run (a scan queued work). */
  public void wake() {
    pacer.wake();
  }
}
