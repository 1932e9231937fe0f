package io.recpipe.uploader;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.uploader.scan.Mp4Directory;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.upload.KeyTemplate;
import io.recpipe.uploader.upload.LocalFiles;
import io.recpipe.uploader.upload.RecordingUploader;
import io.recpipe.uploader.upload.StoreRouter;
import io.recpipe.uploader.upload.StoreStatus;
import io.recpipe.uploader.upload.UploadJob;
import io.recpipe.uploader.upload.UploadMetrics;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the uploader: job store, scan and upload jobs (the stores are in StoreConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploaderSettings.class)
class UploaderConfiguration {

  static final String JOB_TABLE = "uploader_job";

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  JdbcJobStore uploaderJobStore(DataSource dataSource) {
    return new JdbcJobStore(dataSource, JOB_TABLE);
  }

  @Bean
  LocalFiles localFiles(UploaderSettings settings) {
    return new LocalFiles(settings.recordingsDir(), settings.afterUpload(), settings.doneDir());
  }

  @Bean
  ScanJob scanJob(
      UploaderSettings settings, JdbcJobStore jobs, EmpowerIdClient empowerId, Clock clock) {
    return new ScanJob(
        new Mp4Directory(settings.recordingsDir(), settings.scan().quietPeriod()),
        jobs,
        empowerId,
        clock);
  }

  @Bean
  PendingStatuses pendingStatuses(
      JdbcJobStore jobs, EmpowerIdClient empowerId, LocalFiles files, Clock clock) {
    return new PendingStatuses(
        jobs,
        empowerId,
        RecordingStep.UPLOADED,
        job -> files.handleUploaded(job.sessionId()),
        clock);
  }

  @Bean
  StoreStatus storeStatus() {
    return new StoreStatus();
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService uploadExecutor(UploaderSettings settings) {
    var counter = new AtomicInteger();
    return Executors.newFixedThreadPool(
        settings.parallelism(),
        runnable -> {
          Thread thread = new Thread(runnable, "uploader-upload-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService leaseTimer() {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "uploader-lease");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  UploadJob uploadJob(
      UploaderSettings settings,
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      StoreRouter router,
      StoreStatus storeStatus,
      LocalFiles files,
      PendingStatuses pending,
      ExecutorService uploadExecutor,
      ScheduledExecutorService leaseTimer,
      Clock clock,
      MeterRegistry meters) {
    var uploader =
        new RecordingUploader(
            jobs,
            empowerId,
            router,
            storeStatus,
            new KeyTemplate(settings.keyTemplate()),
            files,
            pending,
            new UploadMetrics(meters),
            settings.upload(),
            new LeaseKeeper(jobs, leaseTimer, clock),
            settings.lease(),
            settings.instanceId(),
            clock);
    return new UploadJob(
        jobs,
        empowerId,
        pending,
        uploader,
        uploadExecutor,
        settings.upload(),
        settings.instanceId(),
        settings.lease(),
        clock);
  }
}
