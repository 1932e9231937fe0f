package io.recpipe.uploader;

import io.recpipe.common.job.SchedulerLockConfiguration;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.upload.UploadJob;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The timers: thin triggers over {@link ScanJob#runOnce()} and {@link UploadJob#runOnce()}, each
 * guarded by a ShedLock lock (table {@code shedlock}) so instances sharing a database take turns
 * polling EmpowerID. The upload lock only keeps two runs from overlapping; the job store's atomic
 * claims are what keep two instances from uploading the same recording. Off with {@code
 * uploader.scheduling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "uploader.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
@Import(SchedulerLockConfiguration.class)
@EnableSchedulerLock(defaultLockAtMostFor = "${uploader.scan.lock-at-most-for:PT10M}")
class Schedules {

  private final ScanJob scan;
  private final UploadJob upload;

  Schedules(ScanJob scan, UploadJob upload) {
    this.scan = scan;
    this.upload = upload;
  }

  @Scheduled(
      initialDelayString = "${uploader.scan.initial-delay:10s}",
      fixedDelayString = "${uploader.scan.interval:5m}")
  @SchedulerLock(name = "uploader.scan")
  void scan() {
    scan.runOnce();
  }

  @Scheduled(
      initialDelayString = "${uploader.upload.initial-delay:20s}",
      fixedDelayString = "${uploader.upload.interval:5m}")
  @SchedulerLock(name = "uploader.upload", lockAtMostFor = "${uploader.upload.lock-at-most-for:1h}")
  void upload() throws InterruptedException {
    upload.runOnce();
  }
}
