package io.recpipe.uploader.upload;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.ClaimRunner;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.uploader.UploaderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload run: settle statuses EmpowerID still has to hear, then claim a batch (due retries and
 * jobs whose owner died first, then the oldest queued) and upload it, several at once.
 */
public class UploadJob {

  private static final Logger log = LoggerFactory.getLogger(UploadJob.class);

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final PendingStatuses pending;
  private final RecordingUploader uploader;
  private final ExecutorService executor;
  private final UploaderSettings.Upload settings;
  private final String owner;
  private final Duration lease;
  private final Clock clock;

  public UploadJob(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      PendingStatuses pending,
      RecordingUploader uploader,
      ExecutorService executor,
      UploaderSettings.Upload settings,
      String owner,
      Duration lease,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.pending = pending;
    this.uploader = uploader;
    this.executor = executor;
    this.settings = settings;
    this.owner = owner;
    this.lease = lease;
    this.clock = clock;
  }

  /** Runs once; returns how many claimed jobs ended each way. */
  public Map<RecordingUploader.Outcome, Integer> runOnce() throws InterruptedException {
    int settled = pending.resendAll();
    if (!empowerId.isAvailable()) {
      log.info("Upload run skipped: EmpowerID is unavailable (circuit open).");
      return new EnumMap<>(RecordingUploader.Outcome.class);
    }
    List<Claim> claims =
        jobs.claim(owner, settings.retryBatch(), settings.batchSize(), lease, clock.instant());
    Map<RecordingUploader.Outcome, Integer> outcomes =
        ClaimRunner.runAll(executor, claims, uploader::upload, RecordingUploader.Outcome.LOST);
    if (!claims.isEmpty() || settled > 0) {
      log.info(
          "Upload run done. claimed: {}, outcomes: {}, statuses settled: {}",
          claims.size(),
          outcomes,
          settled);
    }
    return outcomes;
  }
}
