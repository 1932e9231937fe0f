package io.recpipe.encoder;

import io.recpipe.common.job.LockedRuns;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.RunPacer;
import io.recpipe.common.job.SchedulerLockConfiguration;
import io.recpipe.encoder.scan.ScanJob;
import io.recpipe.encoder.scan.ScanResult;
import io.recpipe.encoder.scan.ScanSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The timers: each a frequent tick over a pacer, running {@link ScanJob#runOnce()} and {@link
 * PacedRuns#tick()} when they are due, on the scheduler's own two threads.
 *
 * <p>The scan takes a short ShedLock lock (table {@code encoder_shedlock}, extended while the scan
 * runs): instances sharing a database take turns, so EmpowerID is polled once per interval, not
 * once per instance. A scan that queued recordings wakes the process run; a skipped scan (EmpowerID
 * unavailable) or one that saw files still being written comes back soon. The process run takes no
 * lock: the job store's atomic claims keep two instances from ever converting the same recording,
 * so instances add throughput. Off with {@code encoder.scheduling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "encoder.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
@Import(SchedulerLockConfiguration.class)
class Schedules {

  /** How soon a skipped scan, or one that saw busy files, runs again. */
  static final Duration SOON = Duration.ofSeconds(30);

  private final ScanJob scan;
  private final PacedRuns process;
  private final LockedRuns locks;
  private final ScanSettings settings;
  private final RunPacer scanPacer;

  Schedules(ScanJob scan, PacedRuns process, LockedRuns locks, ScanSettings settings, Clock clock) {
    this.scan = scan;
    this.process = process;
    this.locks = locks;
    this.settings = settings;
    this.scanPacer =
        new RunPacer(settings.interval(), settings.initialDelay(), Duration.ofSeconds(1), clock);
  }

  @Scheduled(fixedDelayString = "${encoder.tick:1s}")
  void scan() throws Exception {
    if (!scanPacer.takeTurn()) {
      return;
    }
    Optional<ScanResult> result =
        locks.run("encoder.scan", settings.lockAtMostFor(), scan::runOnce);
    if (result.isPresent() && result.get().skipped()) {
      scanPacer.retryIn(SOON);
    } else if (result.isPresent() && result.get().busy() > 0) {
      scanPacer.retryIn(SOON);
    } else {
      scanPacer.ran(Optional.empty());
    }
    if (result.isPresent() && result.get().queued() > 0) {
      process.wake();
    }
  }

  @Scheduled(fixedDelayString = "${encoder.tick:1s}")
  void process() throws InterruptedException {
    process.tick();
  }
}
