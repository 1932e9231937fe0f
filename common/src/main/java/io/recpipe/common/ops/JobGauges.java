package io.recpipe.common.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Gauges {@code <meter>{state=…}} (e.g. {@code recpipe.encoder.jobs}): jobs per state (the queue
 * depth is {@code QUEUED} plus {@code RETRY_WAIT} plus {@code WAITING}), {@code
 * <meter>.waiting{reason=…}}: waiting jobs by reason, and {@code <meter>.oldest} (seconds): how
 * long the job that has waited longest to be done has been queued, 0 when none waits (a requeued
 * job counts from when it was first queued); read with three queries at most every few seconds. The
 * figures are the database's, so replicas sharing one report the same.
 */
public class JobGauges {

  private static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final JdbcJobStore jobs;
  private final Clock clock;
  private Map<JobState, Long> counts = Map.of();
  private Map<WaitReason, Long> waiting = Map.of();
  private Optional<Instant> oldestSince = Optional.empty();
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
    for (WaitReason reason : WaitReason.values()) {
      Gauge.builder(meter + ".waiting", this, g -> g.waiting(reason))
          .description("Jobs waiting without using an attempt, by reason")
          .tag("reason", reason.name())
          .register(registry);
    }
    Gauge.builder(meter + ".oldest", this, JobGauges::oldestAge)
        .description("Age of the oldest job waiting to be done (queued, waiting or retrying)")
        .baseUnit("seconds")
        .register(registry);
  }

  private synchronized double count(JobState state) {
    refresh();
    return counts.getOrDefault(state, 0L);
  }

  private synchronized double waiting(WaitReason reason) {
    refresh();
    return waiting.getOrDefault(reason, 0L);
  }

  private synchronized double oldestAge() {
    refresh();
    return oldestSince
        .map(since -> Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }

  private void refresh() {
    Instant now = clock.instant();
    if (readAt.plus(FRESH_FOR).isBefore(now)) {
      counts = jobs.countsByState();
      waiting = jobs.countsWaitingByReason();
      oldestSince = jobs.oldestWaiting().map(Job::createdAt);
      readAt = now;
    }
  }
}
