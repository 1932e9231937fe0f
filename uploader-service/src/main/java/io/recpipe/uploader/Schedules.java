package io.recpipe.uploader;

import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.upload.UploadJob;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
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
@EnableSchedulerLock(defaultLockAtMostFor = "${uploader.scan.lock-at-most-for:PT10M}")
class Schedules {

  private final ScanJob scan;
  private final UploadJob upload;

  Schedules(ScanJob scan, UploadJob upload) {
    this.scan = scan;
    this.upload = upload;
  }

  @Bean
  static LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .usingDbTime()
            .build());
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
