package io.recpipe.common.job;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops a {@link JobRunner} with the application: at start-up (after every bean, the
 * database migrations included, and before the first scheduled run) the runner takes back its own
 * work; at shutdown (SIGTERM), before the database closes, it stops claiming and gives running work
 * a grace period, then puts it back without using an attempt.
 */
public final class JobRunnerLifecycle implements SmartLifecycle {

  private final JobRunner runner;
  private final Duration grace;
  private volatile boolean running;

  public JobRunnerLifecycle(JobRunner runner, Duration grace) {
    this.runner = runner;
    this.grace = grace;
  }

  @Override
  public void start() {
    runner.startUp();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    runner.stop(grace);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
