package io.recpipe.encoder;

import io.recpipe.common.empowerid.EmpowerIdClient;
import io.recpipe.common.empowerid.RecordingStep;
import io.recpipe.common.job.InstanceName;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.LockTable;
import io.recpipe.common.job.PendingStatuses;
import io.recpipe.common.migration.OwnSchemaHistory;
import io.recpipe.encoder.queue.Mp4Output;
import io.recpipe.encoder.queue.ProcessSettings;
import io.recpipe.encoder.queue.SourceCleanup;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import io.recpipe.encoder.recording.Sleeper;
import io.recpipe.encoder.scan.ScanJob;
import io.recpipe.encoder.scan.ScanSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the encoder: job store, directories, scan and process jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EncoderSettings.class, ScanSettings.class, ProcessSettings.class})
class EncoderConfiguration {

  static final String JOB_TABLE = "encoder_job";
  static final String LOCK_TABLE = "encoder_shedlock";
  private static final Logger log = LoggerFactory.getLogger(EncoderConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  JdbcJobStore encoderJobStore(DataSource dataSource) {
    return new JdbcJobStore(dataSource, JOB_TABLE);
  }

  /** The run locks' table (ShedLock); V2 creates it. */
  @Bean
  LockTable lockTable() {
    return new LockTable(LOCK_TABLE);
  }

  /**
   * Migrations under the encoder's own history table (spring.flyway.table), taking over a database
   * of an earlier release: its history in flyway_schema_history, its lock table named shedlock.
   */
  @Bean
  FlywayMigrationStrategy migrations() {
    return new OwnSchemaHistory(Map.of("shedlock", LOCK_TABLE));
  }

  @Bean
  RecordingDirectory recordingDirectory(EncoderSettings settings) {
    return new RecordingDirectory(settings.recordingsDir());
  }

  @Bean
  Quarantine quarantine(EncoderSettings settings) {
    return new Quarantine(createIfMissing(settings.quarantineDir()));
  }

  @Bean
  Mp4Output mp4Output(EncoderSettings settings, InstanceName instance) {
    return new Mp4Output(createIfMissing(settings.outputDir()), instance.value());
  }

  @Bean
  @ConditionalOnMissingBean
  Sleeper sleeper() {
    return Sleeper.SYSTEM;
  }

  @Bean
  ScanJob scanJob(
      RecordingDirectory recordings,
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      ScanSettings settings,
      Sleeper sleeper,
      Clock clock) {
    return new ScanJob(recordings, jobs, empowerId, settings, sleeper, clock);
  }

  @Bean
  PendingStatuses pendingStatuses(
      JdbcJobStore jobs,
      EmpowerIdClient empowerId,
      RecordingDirectory recordings,
      Quarantine quarantine,
      Mp4Output output,
      EncoderSettings settings,
      InstanceName instance,
      Clock clock) {
    var cleanup = new SourceCleanup(recordings, quarantine, output, settings.deleteSource(), clock);
    return new PendingStatuses(
        jobs, empowerId, RecordingStep.PROCESSED, cleanup, instance.value(), clock);
  }

  /** This replica's stable name: its claims' owner and its EmpowerID process instance. */
  @Bean
  InstanceName instanceName(EncoderSettings settings) {
    return InstanceName.resolve(settings.instanceId(), settings.dataDir(), "encoder");
  }

  /** Creates a directory the encoder owns; a failure shows in the directories health check. */
  private static Path createIfMissing(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      log.warn("Cannot create a directory. dir: {}", dir, e);
    }
    return dir;
  }
}
