package io.recpipe.common.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs work under a named ShedLock lock, so instances sharing a database take turns (e.g. one scan
 * polls EmpowerID per interval, not one per instance). Asked only when the work is due, not on
 * every scheduler tick.
 */
public final class LockedRuns {

  private final LockingTaskExecutor executor;
  private final Clock clock;

  public LockedRuns(LockProvider provider, Clock clock) {
    this.executor = new DefaultLockingTaskExecutor(provider);
    this.clock = clock;
  }

  /**
   * Runs {@code work} if the lock is free.
   *
   * @param lockAtMostFor how long the lock holds unless extended (a keep-alive extends it while the
   *     work runs)
   * @return the work's result; empty when another instance holds the lock
   */
  public <T> Optional<T> run(String name, Duration lockAtMostFor, Callable<T> work)
      throws Exception {
    var config = new LockConfiguration(clock.instant(), name, lockAtMostFor, Duration.ZERO);
    LockingTaskExecutor.TaskResult<T> result;
    try {
      result = executor.executeWithLock((LockingTaskExecutor.TaskWithResult<T>) work::call, config);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
  }
}
