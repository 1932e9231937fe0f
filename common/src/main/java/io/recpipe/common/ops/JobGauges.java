package io.recpipe.common.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Gauges {@code <meter>{state=…}} (e.g. {@code recpipe.encoder.jobs}): jobs per state (the queue
 * depth is {@code QUEUED} plus {@code RETRY_WAIT}), read with one query at most every few seconds.
 */
public class JobGauges {

  private static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final JdbcJobStore jobs;
  private final Clock clock;
  private Map<JobState, Long> counts = Map.of();
  private Instant readAt = Instant.MIN;

  /**
   * @param meter the gauge's name, e.g. {@code recpipe.encoder.jobs}
   * @param description the gauge's description, e.g. {@code Encoder jobs by state}
   */
  public JobGauges(
      JdbcJobStore jobs, Clock clock, MeterRegistry registry, String meter, String description) {
    this.jobs = jobs;
    this.clock = clock;
    for (JobState state : JobState.values()) {
      Gauge.builder(meter, this, g -> g.count(state))
          .description(description)
          .tag("state", state.name())
          .register(registry);
    }
  }

  private synchronized double count(JobState state) {
    Instant now = clock.instant();
    if (readAt.plus(FRESH_FOR).isBefore(now)) {
      counts = jobs.countsByState();
      readAt = now;
    }
    return counts.getOrDefault(state, 0L);
  }
}
