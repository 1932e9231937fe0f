package io.recpipe.encoder;

import io.recpipe.common.job.SchedulerLockConfiguration;
import io.recpipe.encoder.queue.ProcessJob;
import io.recpipe.encoder.scan.ScanJob;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The timers: thin triggers over {@link ScanJob#runOnce()} and {@link ProcessJob#runOnce()}.
 *
 * <p>The scan is guarded by a ShedLock lock (table {@code shedlock}): instances sharing a database
 * take turns, so EmpowerID is polled once per interval, not once per instance. The process run is
 * deliberately not: a lock held for a whole run (minutes of conversions) would let only one
 * instance convert at a time; the job store's atomic claims already keep two instances from ever
 * converting the same recording, so instances add throughput. Off with {@code
 * encoder.scheduling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "encoder.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
@Import(SchedulerLockConfiguration.class)
@EnableSchedulerLock(defaultLockAtMostFor = "${encoder.scan.lock-at-most-for:PT10M}")
class Schedules {

  private final ScanJob scan;
  private final ProcessJob process;

  Schedules(ScanJob scan, ProcessJob process) {
    this.scan = scan;
    this.process = process;
  }

  @Scheduled(
      initialDelayString = "${encoder.scan.initial-delay:10s}",
      fixedDelayString = "${encoder.scan.interval:5m}")
  @SchedulerLock(name = "encoder.scan")
  void scan() throws InterruptedException {
    scan.runOnce();
  }

  @Scheduled(
      initialDelayString = "${encoder.process.initial-delay:20s}",
      fixedDelayString = "${encoder.process.interval:10m}")
  void process() throws InterruptedException {
    process.runOnce();
  }
}
