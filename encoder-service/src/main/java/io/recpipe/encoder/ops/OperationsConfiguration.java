package io.recpipe.encoder.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.admin.AdminSecurity;
import io.recpipe.common.job.HistoryRetention;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.ops.DirectoriesHealthIndicator;
import io.recpipe.common.ops.FreeDiskHealthIndicator;
import io.recpipe.common.ops.HealthGauges;
import io.recpipe.common.ops.JobGauges;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.encoder.EncoderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Health indicators for what the encoder depends on, the job gauges, and the management surface's
 * access rules.
 */
@Configuration(proxyBeanMethods = false)
@Import(AdminSecurity.class)
class OperationsConfiguration {

  @Bean
  DirectoriesHealthIndicator directoriesHealthIndicator(EncoderSettings settings) {
    var writable = new LinkedHashMap<String, java.nio.file.Path>();
    writable.put("output", settings.outputDir());
    writable.put("quarantine", settings.quarantineDir());
    writable.put("data", settings.dataDir());
    return new DirectoriesHealthIndicator(settings.recordingsDir(), writable);
  }

  @Bean
  FreeDiskHealthIndicator outputDiskHealthIndicator(EncoderSettings settings) {
    return new FreeDiskHealthIndicator(settings.outputDir(), settings.minFreeDisk());
  }

  @Bean
  ConverterToolsHealthIndicator converterToolsHealthIndicator(
      EncoderSettings settings, FfmpegTools ffmpeg, Environment environment) {
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("ffmpeg", ffmpeg.ffmpegExecutable());
    tools.put("ffprobe", ffmpeg.ffprobeExecutable());
    if (settings.converter() == EncoderSettings.ConverterKind.GUACENC) {
      tools.put("guacenc", environment.getProperty("encoder.guacenc.path", "guacenc"));
    }
    return new ConverterToolsHealthIndicator(tools);
  }

  @Bean
  JobGauges jobGauges(JdbcJobStore jobs, Clock clock, MeterRegistry registry) {
    return new JobGauges(jobs, clock, registry, "recpipe.encoder.jobs", "Encoder jobs by state");
  }

  /** Prunes the job history of finished sessions past {@code recpipe.history.retention}. */
  @Bean
  HistoryRetention historyRetention(
      JdbcJobStore jobs,
      Clock clock,
      @Value("${recpipe.history.retention:90d}") Duration retention) {
    return new HistoryRetention(jobs, retention, clock);
  }

  /** {@code recpipe.health{component}}: each health component as a gauge, for alerts. */
  @Bean
  HealthGauges healthGauges(HealthContributorRegistry health, MeterRegistry registry) {
    return new HealthGauges(health, registry);
  }
}
