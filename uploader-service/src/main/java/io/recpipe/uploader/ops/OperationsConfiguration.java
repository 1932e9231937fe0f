package io.recpipe.uploader.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.admin.AdminSecurity;
import io.recpipe.common.job.HistoryRetention;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.ops.DirectoriesHealthIndicator;
import io.recpipe.common.ops.FreeDiskHealthIndicator;
import io.recpipe.common.ops.HealthGauges;
import io.recpipe.common.ops.JobGauges;
import io.recpipe.uploader.UploaderSettings;
import io.recpipe.uploader.upload.AfterUpload;
import io.recpipe.uploader.upload.StoreRouter;
import io.recpipe.uploader.upload.StoreStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Health indicators for what the uploader depends on (one per store), the job gauges, and the
 * management surface's access rules.
 */
@Configuration(proxyBeanMethods = false)
@Import(AdminSecurity.class)
class OperationsConfiguration {

  /** {@code /actuator/health/stores/<name>}: one indicator per configured store. */
  @Bean
  CompositeHealthContributor storesHealthContributor(
      StoreRouter router, StoreStatus status, UploaderSettings settings, Clock clock) {
    var indicators = new LinkedHashMap<String, StoreHealthIndicator>();
    router
        .configured()
        .forEach(
            t ->
                indicators.put(
                    t.store().name(),
                    new StoreHealthIndicator(
                        t.store(), status, settings.storeHealthInterval(), clock)));
    return CompositeHealthContributor.fromMap(indicators);
  }

  @Bean
  DirectoriesHealthIndicator directoriesHealthIndicator(UploaderSettings settings) {
    Map<String, Path> writable = new LinkedHashMap<>();
    writable.put("recordings", settings.recordingsDir());
    writable.put("data", settings.dataDir());
    if (settings.afterUpload() == AfterUpload.MOVE) {
      writable.put("done", settings.doneDir());
    }
    return new DirectoriesHealthIndicator(settings.recordingsDir(), writable);
  }

  @Bean
  FreeDiskHealthIndicator recordingsDiskHealthIndicator(UploaderSettings settings) {
    return new FreeDiskHealthIndicator(settings.recordingsDir(), settings.minFreeDisk());
  }

  @Bean
  JobGauges jobGauges(JdbcJobStore jobs, Clock clock, MeterRegistry registry) {
    return new JobGauges(jobs, clock, registry, "recpipe.uploader.jobs", "Uploader jobs by state");
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
