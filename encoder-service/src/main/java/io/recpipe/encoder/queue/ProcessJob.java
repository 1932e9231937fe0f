package io.recpipe.encoder.queue;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.ClaimRunner;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.PendingStatuses;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the queue: settle statuses EmpowerID still has to hear, claim a batch (due retries
 * first, then the oldest queued) and process it, several recordings at once on the executor.
 */
public class ProcessJob implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProcessJob.class);

  private final JdbcJobStore jobs;
  private final EmpowerIdClient empowerId;
  private final PendingStatuses pending;
  private final RecordingProcessor processor;
  private final ExecutorService executor;
  private final ExecutorService leaseTimer;
  private final ProcessSettings settings;
  private final String owner;
  private final Duration lease;
  private final Clock clock;

  public ProcessJob(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      PendingStatuses pending,
      RecordingProcessor processor,
      ExecutorService executor,
      ExecutorService leaseTimer,
      ProcessSettings settings,
      String owner,
      Duration lease,
      Clock clock) {
    this.jobs = jobs;
    this.empowerId = empowerId;
    this.pending = pending;
    this.processor = processor;
    this.executor = executor;
    this.leaseTimer = leaseTimer;
    this.settings = settings;
    this.owner = owner;
    this.lease = lease;
    this.clock = clock;
  }

  /** Stops the conversion pool and the lease timer (running conversions are interrupted). */
  @Override
  public void close() {
    executor.shutdownNow();
    leaseTimer.shutdownNow();
  }

  public ProcessResult runOnce() throws InterruptedException {
    int settled = pending.resendAll();
    if (!empowerId.isAvailable()) {
      log.info("Process run skipped: EmpowerID is unavailable (circuit open).");
      return new ProcessResult(true, settled, ProcessResult.none());
    }
    List<Claim> claims =
        jobs.claim(owner, settings.retryBatch(), settings.batchSize(), lease, clock.instant());
    Map<Outcome, Integer> outcomes =
        ClaimRunner.runAll(executor, claims, processor::process, Outcome.LOST);
    var result = new ProcessResult(false, settled, outcomes);
    if (!claims.isEmpty() || settled > 0) {
      log.info(
          "Process run done. claimed: {}, outcomes: {}, statuses settled: {}",
          claims.size(),
          outcomes,
          settled);
    }
    return result;
  }
}
