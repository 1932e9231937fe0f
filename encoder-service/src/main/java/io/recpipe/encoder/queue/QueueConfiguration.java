package io.recpipe.encoder.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.admin.AdminProperties;
import io.recpipe.common.admin.JobAdmin;
import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.EmpowerIdProperties;
import io.recpipe.common.job.Heartbeats;
import io.recpipe.common.job.InstanceName;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobRunnerLifecycle;
import io.recpipe.common.job.LeaseKeeper;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.job.Requeue;
import io.recpipe.common.job.RunPacer;
import io.recpipe.common.job.RunSettings;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.sidecar.SidecarConverter;
import io.recpipe.converter.sidecar.SidecarSettings;
import io.recpipe.encoder.EncoderSettings;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the encoder's process runs on common's {@link JobRunner}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class QueueConfiguration {

  /**
   * The chosen converter, making the sidecars asked for beside its MP4 ({@link SidecarSettings}).
   */
  @Bean
  RecordingProcessor recordingProcessor(
      RecordingConverter converter,
      SidecarSettings sidecars,
      FfmpegTools tools,
      RecordingDirectory recordings,
      Mp4Output output,
      Quarantine quarantine,
      EncoderSettings settings,
      MeterRegistry meters,
      InstanceName instance) {
    return new RecordingProcessor(
        new SidecarConverter(converter, sidecars, tools),
        recordings,
        output,
        quarantine,
        settings.minFreeDisk(),
        meters,
        instance.value());
  }

  @Bean
  JobRunner encoderJobRunner(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      EmpowerIdProperties empowerIdProperties,
      PendingStatuses pending,
      RecordingProcessor processor,
      ProcessSettings process,
      EncoderSettings settings,
      InstanceName instance,
      Clock clock) {
    var run =
        new RunSettings(
            process.retryBatch(),
            process.batchSize(),
            process.maxAttempts(),
            process.retryDelay(),
            process.maxRetryDelay(),
            process.waitDelay(),
            process.maxWaitDelay(),
            settings.lease(),
            empowerIdProperties.heartbeatInterval(),
            empowerIdProperties.ownerTimeout());
    // Private pools, not beans: Spring would take a ScheduledExecutorService bean for @Scheduled
    // and an Executor bean in place of its own task executor.
    var leaseTimer = Executors.newSingleThreadScheduledExecutor(named("encoder-lease-"));
    return new JobRunner(
        jobs,
        empowerId,
        pending,
        processor,
        run,
        instance.value(),
        Executors.newFixedThreadPool(settings.parallelism(), named("encoder-convert-")),
        new LeaseKeeper(jobs, leaseTimer, clock),
        new Heartbeats(empowerId, run.heartbeat(), "encoder-heartbeat"),
        clock);
  }

  @Bean
  JobRunnerLifecycle encoderJobRunnerLifecycle(JobRunner encoderJobRunner, EncoderSettings s) {
    return new JobRunnerLifecycle(encoderJobRunner, s.shutdownGrace());
  }

  @Bean
  PacedRuns processJob(JobRunner encoderJobRunner, ProcessSettings process, Clock clock) {
    return new PacedRuns(
        encoderJobRunner,
        new RunPacer(process.interval(), process.initialDelay(), Duration.ofSeconds(1), clock));
  }

  @Bean
  Requeue requeue(JdbcJobStore jobs, RecordingProcessor processor, Clock clock) {
    return new Requeue(jobs, processor, clock);
  }

  /** The admin API's view of the encoder's jobs (served on the management port). */
  @Bean
  JobAdmin jobAdmin(
      JdbcJobStore jobs,
      Requeue requeue,
      JobRunner encoderJobRunner,
      AdminProperties admin,
      Mp4Output output,
      Clock clock) {
    return new JobAdmin(
        "encoder",
        jobs,
        requeue,
        encoderJobRunner,
        admin.otherConsoleUrl(),
        id -> Optional.of(output.finalFile(id)).filter(Files::isRegularFile),
        clock);
  }

  static ThreadFactory named(String prefix) {
    var counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
