package io.recpipe.uploader;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.admin.AdminProperties;
import io.recpipe.common.admin.JobAdmin;
import io.recpipe.common.admin.LocalVideos;
import io.recpipe.common.admin.StoredVideos;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdProperties;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.job.Heartbeats;
import io.recpipe.common.job.InstanceName;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobRunnerLifecycle;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.LockTable;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.job.Requeue;
import io.recpipe.common.job.RunPacer;
import io.recpipe.common.job.RunSettings;
import io.recpipe.common.migration.OwnSchemaHistory;
import io.recpipe.uploader.scan.Mp4Directory;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.upload.KeyTemplate;
import io.recpipe.uploader.upload.LocalFiles;
import io.recpipe.uploader.upload.RecordingUploader;
import io.recpipe.uploader.upload.StoreRouter;
import io.recpipe.uploader.upload.StoreStatus;
import io.recpipe.uploader.upload.StoredKeys;
import io.recpipe.uploader.upload.UploadMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the uploader: job store, scan and upload jobs (the stores are in StoreConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploaderSettings.class, AdminProperties.class})
class UploaderConfiguration {

  static final String JOB_TABLE = "uploader_job";
  static final String LOCK_TABLE = "uploader_shedlock";

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  JdbcJobStore uploaderJobStore(DataSource dataSource) {
    return new JdbcJobStore(dataSource, JOB_TABLE);
  }

  /** The run locks' table (ShedLock); V2 creates it. */
  @Bean
  LockTable lockTable() {
    return new LockTable(LOCK_TABLE);
  }

  /**
   * Migrations under the uploader's own history table (spring.flyway.table), taking over a database
   * of an earlier release: its history in flyway_schema_history, its lock table named shedlock.
   */
  @Bean
  FlywayMigrationStrategy migrations() {
    return new OwnSchemaHistory(Map.of("shedlock", LOCK_TABLE));
  }

  /** The MP4 directory as the scan lists it; uploads check their file against that listing. */
  @Bean
  Mp4Directory mp4Directory(UploaderSettings settings) {
    return new Mp4Directory(settings.recordingsDir(), settings.scan().quietPeriod());
  }

  @Bean
  LocalFiles localFiles(UploaderSettings settings, Mp4Directory inputs) {
    return new LocalFiles(inputs, settings.afterUpload(), settings.doneDir());
  }

  @Bean
  ScanJob scanJob(Mp4Directory inputs, JdbcJobStore jobs, EmpowerIdClient empowerId, Clock clock) {
    return new ScanJob(inputs, jobs, empowerId, clock);
  }

  @Bean
  PendingStatuses pendingStatuses(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      LocalFiles files,
      InstanceName instance,
      Clock clock) {
    return new PendingStatuses(
        jobs,
        empowerId,
        RecordingStep.UPLOADED,
        job -> files.handleUploaded(job.sessionId()),
        instance.value(),
        clock);
  }

  @Bean
  StoreStatus storeStatus() {
    return new StoreStatus();
  }

  /** This replica's stable name: its claims' owner and its EmpowerID process instance. */
  @Bean
  InstanceName instanceName(UploaderSettings settings) {
    return InstanceName.resolve(settings.instanceId(), settings.dataDir(), "uploader");
  }

  @Bean
  RecordingUploader recordingUploader(
      UploaderSettings settings,
      StoreRouter router,
      StoreStatus storeStatus,
      LocalFiles files,
      StoredKeys storedKeys,
      Clock clock,
      MeterRegistry meters) {
    return new RecordingUploader(
        router,
        storeStatus,
        new KeyTemplate(settings.keyTemplate()),
        files,
        new UploadMetrics(meters),
        storedKeys,
        clock);
  }

  /** Where each job's MP4 was stored, for playback from the store. */
  @Bean
  StoredKeys storedKeys(DataSource dataSource) {
    return new StoredKeys(dataSource, JOB_TABLE);
  }

  @Bean
  JobRunner uploaderJobRunner(
      UploaderSettings settings,
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      EmpowerIdProperties empowerIdProperties,
      PendingStatuses pending,
      RecordingUploader uploader,
      InstanceName instance,
      Clock clock) {
    UploaderSettings.Upload upload = settings.upload();
    var run =
        new RunSettings(
            upload.retryBatch(),
            upload.batchSize(),
            upload.maxAttempts(),
            upload.retryDelay(),
            upload.maxRetryDelay(),
            upload.waitDelay(),
            upload.maxWaitDelay(),
            settings.lease(),
            empowerIdProperties.heartbeatInterval(),
            empowerIdProperties.ownerTimeout());
    // Private pools, not beans: Spring would take a ScheduledExecutorService bean for @Scheduled
    // (the scheduled runs then shared the lease renewals' one thread) and an Executor bean in
    // place of its own task executor.
    var leaseTimer = Executors.newSingleThreadScheduledExecutor(named("uploader-lease-"));
    return new JobRunner(
        jobs,
        empowerId,
        pending,
        uploader,
        run,
        instance.value(),
        Executors.newFixedThreadPool(settings.parallelism(), named("uploader-upload-")),
        new LeaseKeeper(jobs, leaseTimer, clock),
        new Heartbeats(empowerId, run.heartbeat(), "uploader-heartbeat"),
        clock);
  }

  @Bean
  JobRunnerLifecycle uploaderJobRunnerLifecycle(
      JobRunner uploaderJobRunner, UploaderSettings settings) {
    return new JobRunnerLifecycle(uploaderJobRunner, settings.shutdownGrace());
  }

  @Bean
  PacedRuns uploadJob(JobRunner uploaderJobRunner, UploaderSettings settings, Clock clock) {
    return new PacedRuns(
        uploaderJobRunner,
        new RunPacer(
            settings.upload().interval(),
            settings.upload().initialDelay(),
            Duration.ofSeconds(1),
            clock));
  }

  @Bean
  Requeue requeue(JdbcJobStore jobs, RecordingUploader uploader, Clock clock) {
    return new Requeue(jobs, uploader, clock);
  }

  /** The admin API's view of the uploader's jobs (served on the management port). */
  @Bean
  JobAdmin jobAdmin(
      JdbcJobStore jobs,
      Requeue requeue,
      JobRunner uploaderJobRunner,
      AdminProperties admin,
      UploaderSettings settings,
      StoredVideos storedVideos,
      Clock clock) {
    return new JobAdmin(
        "uploader",
        jobs,
        requeue,
        uploaderJobRunner,
        admin.otherConsoleUrl(),
        LocalVideos.in(List.of(settings.recordingsDir(), settings.doneDir())),
        storedVideos,
        clock);
  }

  private static ThreadFactory named(String prefix) {
    var counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
