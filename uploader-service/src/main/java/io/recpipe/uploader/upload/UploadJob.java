package io.recpipe.uploader.upload;

import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.RunPacer;
import java.time.Duration;

/**
 * The uploader's upload runs: {@link JobRunner} with {@link RecordingUploader} as its work, paced
 * by a {@link RunPacer}: a run starts when the interval passed, when a job is due sooner (a retry,
 * a wait, a dead owner's lease), or when a scan queued MP4s.
 */
public class UploadJob {

  /** After a skipped run (EmpowerID's circuit open), how soon to try again. */
  static final Duration SKIPPED_RETRY = Duration.ofSeconds(30);

  private final JobRunner runner;
  private final RunPacer pacer;

  public UploadJob(JobRunner runner, RunPacer pacer) {
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
  }

  /** Makes the next tick run (a scan queued work). */
  public void wake() {
    pacer.wake();
  }
}
