package io.recpipe.uploader.upload;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of a finished job. The job became {@code DONE} (object verified) or {@code
 * FAILED} in one update that also stored the status EmpowerID must hear ({@code pending_status}).
 * Here that status is sent, cleared, and, for {@code UPLOADED} once EmpowerID took it, the local
 * MP4 is deleted, kept or moved. A crash or failed send leaves the status pending and the next run
 * repeats only this cheap part.
 */
public class PendingStatuses {

  private static final Logger log = LoggerFactory.getLogger(PendingStatuses.class);
  private static final int BATCH = 100;

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final LocalFiles files;
  private final Clock clock;

  public PendingStatuses(
      JdbcJobStore jobs, EmpowerIdClient empowerId, LocalFiles files, Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.files = files;
    this.clock = clock;
  }

  /** Sends every pending status; returns how many were settled. */
  public int resendAll() {
    int settled = 0;
    for (Job job : jobs.withPendingStatus(BATCH)) {
      if (!empowerId.isAvailable()) {
        log.info("Pending status updates wait: EmpowerID is unavailable.");
        break;
      }
      if (settle(job)) {
        settled++;
      }
    }
    return settled;
  }

  /** Sends the job's pending status and handles the local file; true when settled. */
  public boolean settle(Job job) {
    if (job.pendingStatus() == null) {
      return true;
    }
    RecordingStep step = RecordingStep.valueOf(job.pendingStatus());
    StatusUpdate update;
    try {
      update = empowerId.updateRecordingStatus(job.sessionId(), step, detail(job));
    } catch (EmpowerIdException e) {
      log.warn(
          "Status update failed; will send again next run. session: {}, status: {}",
          job.sessionId(),
          step,
          e);
      return false;
    }
    if (update == StatusUpdate.APPLIED) {
      log.info("EmpowerID status sent. session: {}, status: {}", job.sessionId(), step);
    } else {
      log.warn(
          "EmpowerID did not take the status; the local MP4 stays. session: {}, status: {},"
              + " answer: {}",
          job.sessionId(),
          step,
          update);
    }
    jobs.clearPendingStatus(job.sessionId(), job.pendingStatus(), clock.instant());
    if (update == StatusUpdate.APPLIED && step == RecordingStep.UPLOADED) {
      files.handleUploaded(job.sessionId());
    }
    return true;
  }

  private static String detail(Job job) {
    String error = job.lastError();
    if (job.pendingStatus().equals(RecordingStep.UPLOAD_FAILED.name()) && error != null) {
      return error.length() <= 200 ? error : error.substring(0, 199) + "…";
    }
    return "attempt " + job.attempts();
  }
}
