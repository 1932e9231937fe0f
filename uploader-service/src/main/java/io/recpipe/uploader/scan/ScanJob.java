package io.recpipe.uploader.scan;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdException;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.empowerid.SessionInfo;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MP4s ready to upload: lists the recordings directory, leaves out sessions that already have
 * a job and files still being written, asks EmpowerID (in batches) for the rest and queues those
 * whose recording step is {@code PROCESSED} and whose storage mode is known, with the mode as the
 * job's detail.
 */
public class ScanJob {

  private static final Logger log = LoggerFactory.getLogger(ScanJob.class);

  private final Mp4Directory directory;
  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final Clock clock;

  public ScanJob(
      Mp4Directory directory, JdbcJobStore jobs, EmpowerIdClient empowerId, Clock clock) {
    this.directory = directory;
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.clock = clock;
  }

  /**
   * What one scan did.
   *
   * @param skipped whether it was skipped (EmpowerID unavailable, the directory unreadable)
   * @param busy MP4s that may still be written (looked at again soon)
   * @param queued new jobs
   * @param notReady MP4s whose session EmpowerID does not show as processed yet (looked at again
   *     soon: the encoder's "Processed" may be on its way)
   */
  public record Result(boolean skipped, int busy, int queued, int notReady) {}

  /** Scans once; returns how many sessions were queued (-1 when the run was skipped). */
  public int runOnce() {
    Result result = scan();
    return result.skipped() ? -1 : result.queued();
  }

  /** Scans once. */
  public Result scan() {
    if (!empowerId.isAvailable()) {
      log.info("Scan skipped: EmpowerID is unavailable (circuit open).");
      return new Result(true, 0, 0, 0);
    }
    Mp4Directory.Listing listing;
    try {
      listing = directory.list(clock.instant());
    } catch (IOException e) {
      log.warn("Scan skipped: cannot list MP4s. dir: {}", directory.dir(), e);
      return new Result(true, 0, 0, 0);
    }
    List<SessionId> fresh =
        listing.finished().stream().filter(id -> jobs.find(id).isEmpty()).toList();
    if (fresh.isEmpty()) {
      summary(listing, 0, 0, 0);
      return new Result(false, listing.busy(), 0, 0);
    }
    Map<SessionId, SessionInfo> infos;
    try {
      infos = empowerId.poll(fresh);
    } catch (EmpowerIdException e) {
      log.warn("Scan stopped: polling EmpowerID failed. sessions: {}", fresh.size(), e);
      return new Result(true, listing.busy(), 0, 0);
    }
    int queued = 0;
    for (SessionId id : fresh) {
      SessionInfo info = infos.get(id);
      if (info == null
          || info.recordingStatus() != RecordingStep.PROCESSED
          || info.storageMode() == null) {
        log.debug("MP4 not ready for upload. session: {}, info: {}", id, info);
        continue;
      }
      if (jobs.enqueue(id, info.storageMode().name(), clock.instant())) {
        queued++;
      }
    }
    summary(listing, fresh.size(), fresh.size() - queued, queued);
    return new Result(false, listing.busy(), queued, fresh.size() - queued);
  }

  private static void summary(Mp4Directory.Listing listing, int polled, int notReady, int queued) {
    log.info(
        "Scan done. files: {}, unsafe names: {}, busy: {}, polled: {}, not ready: {}, queued: {}",
        listing.files(),
        listing.unsafe(),
        listing.busy(),
        polled,
        notReady,
        queued);
  }
}
