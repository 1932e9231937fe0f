package io.recpipe.uploader;

import io.recpipe.common.files.DirectoryWatch;
import io.recpipe.common.job.LockedRuns;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.RunPacer;
import io.recpipe.common.job.SchedulerLockConfiguration;
import io.recpipe.uploader.scan.ScanJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The timers: each a frequent tick over a pacer, running {@link ScanJob#scan()} and {@link
 * PacedRuns#tick()} when they are due, on the scheduler's own two threads.
 *
 * <p>The scan takes a short ShedLock lock (table {@code uploader_shedlock}, extended while it
 * runs), so instances sharing a database take turns polling EmpowerID. It runs at its interval, at
 * once when an MP4 arrives in the directory (a watch), soon again when files may still be written
 * or the scan was skipped; a scan that queued MP4s wakes the upload run. The upload run takes no
 * lock: the job store's atomic claims keep two instances from uploading the same recording, and a
 * lock a dead instance held would stop every upload. Off with {@code
 * uploader.scheduling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "uploader.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
@Import(SchedulerLockConfiguration.class)
class Schedules implements DisposableBean {

  /** How soon a skipped scan, or one that saw files still being written, runs again. */
  static final Duration SOON = Duration.ofSeconds(10);

  /** How soon MP4s whose session EmpowerID does not show as processed yet are asked about again. */
  static final Duration NOT_READY_AGAIN = Duration.ofSeconds(30);

  private final ScanJob scan;
  private final PacedRuns upload;
  private final LockedRuns locks;
  private final UploaderSettings.Scan settings;
  private final RunPacer scanPacer;
  private final Optional<DirectoryWatch> watch;

  Schedules(
      ScanJob scan, PacedRuns upload, LockedRuns locks, UploaderSettings settings, Clock clock) {
    this.scan = scan;
    this.upload = upload;
    this.locks = locks;
    this.settings = settings.scan();
    this.scanPacer =
        new RunPacer(
            this.settings.interval(), this.settings.initialDelay(), Duration.ofSeconds(1), clock);
    this.watch =
        DirectoryWatch.start(
            settings.recordingsDir(),
            name -> name.endsWith(".mp4") && !name.startsWith("."),
            scanPacer::wake,
            "uploader-watch");
  }

  @Scheduled(fixedDelayString = "${uploader.tick:1s}")
  void scan() throws Exception {
    if (!scanPacer.takeTurn()) {
      return;
    }
    Optional<ScanJob.Result> result =
        locks.run("uploader.scan", settings.lockAtMostFor(), scan::scan);
    if (result.isPresent() && (result.get().skipped() || result.get().busy() > 0)) {
      scanPacer.retryIn(SOON);
    } else if (result.isPresent() && result.get().notReady() > 0) {
      scanPacer.retryIn(NOT_READY_AGAIN);
    } else {
      scanPacer.ran(Optional.empty());
    }
    if (result.isPresent() && result.get().queued() > 0) {
      upload.wake();
    }
  }

  @Scheduled(fixedDelayString = "${uploader.tick:1s}")
  void upload() throws InterruptedException {
    upload.tick();
  }

  @Override
  public void destroy() {
    watch.ifPresent(DirectoryWatch::close);
  }
}
