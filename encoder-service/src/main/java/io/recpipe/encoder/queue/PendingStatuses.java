package io.recpipe.encoder.queue;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.StatusUpdate;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what a finished job still owes: a {@code FAILED} job's recording goes to quarantine; a
 * status stored on the job ({@code pending_status}, written in the same update as the job's final
 * state) is sent to EmpowerID; after {@code PROCESSED} is acknowledged the source recording is
 * removed (when the MP4 is there). A send that fails stays pending and is repeated at the start of
 * the next run, so EmpowerID and the job store never disagree for longer than one run.
 *
 * <p>The pending status is cleared before the source is removed: a crash in between leaves a
 * recording behind (never loses one) and never re-sends {@code Processed} after the uploader has
 * moved the session on.
 */
public class PendingStatuses {

  private static final Logger log = LoggerFactory.getLogger(PendingStatuses.class);
  private static final int BATCH = 100;

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final RecordingDirectory recordings;
  private final Quarantine quarantine;
  private final Mp4Output output;
  private final boolean deleteSource;
  private final Clock clock;

  public PendingStatuses(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      RecordingDirectory recordings,
      Quarantine quarantine,
      Mp4Output output,
      boolean deleteSource,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.recordings = recordings;
    this.quarantine = quarantine;
    this.output = output;
    this.deleteSource = deleteSource;
    this.clock = clock;
  }

  /** Re-sends every pending status; returns how many were settled. */
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

  /** Quarantines a failed job's recording, then sends its pending status; true when settled. */
  public boolean settle(Job job) {
    if (job.state() == JobState.FAILED) {
      quarantine(job);
    }
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
    if (update != StatusUpdate.APPLIED) {
      log.warn(
          "EmpowerID did not take the status; giving up on telling it. session: {}, status: {},"
              + " answer: {}",
          job.sessionId(),
          step,
          update);
    } else {
      log.info("EmpowerID status sent. session: {}, status: {}", job.sessionId(), step);
    }
    jobs.clearPendingStatus(job.sessionId(), job.pendingStatus(), clock.instant());
    if (update == StatusUpdate.APPLIED && step == RecordingStep.PROCESSED) {
      removeSource(job);
    }
    return true;
  }

  private void quarantine(Job job) {
    Optional<Path> source = recordings.find(job.sessionId());
    if (source.isEmpty()) {
      return;
    }
    try {
      quarantine.put(
          job.sessionId(), source.get(), job.lastError(), job.attempts(), clock.instant());
    } catch (IOException e) {
      log.warn("Could not quarantine a recording; will try again. session: {}", job.sessionId(), e);
    }
  }

  private void removeSource(Job job) {
    if (!deleteSource) {
      return;
    }
    Optional<Path> source = recordings.find(job.sessionId());
    if (source.isEmpty()) {
      return;
    }
    if (!Files.isRegularFile(output.finalFile(job.sessionId()))) {
      log.warn(
          "Recording kept: its MP4 is not in the output directory. session: {}", job.sessionId());
      return;
    }
    try {
      Files.deleteIfExists(source.get());
      log.info("Recording removed after its MP4 was stored. session: {}", job.sessionId());
    } catch (IOException e) {
      log.warn("Could not remove a converted recording. session: {}", job.sessionId(), e);
    }
  }

  private static String detail(Job job) {
    return job.state() == JobState.FAILED && job.lastError() != null
        ? abbreviate(job.lastError())
        : "attempt " + job.attempts();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
