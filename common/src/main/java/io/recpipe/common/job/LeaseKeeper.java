package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a job's lease every third of its length while the work runs (a conversion, an upload), so
 * long work is not taken over by another instance that thinks its owner died. The timer must be a
 * thread nothing else uses: a renewal that waits behind other work lets the lease run out.
 */
public class LeaseKeeper {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final JdbcJobStore jobs;
  private final ScheduledExecutorService timer;
  private final Clock clock;

  public LeaseKeeper(JdbcJobStore jobs, ScheduledExecutorService timer, Clock clock) {
    this.jobs = jobs;
    this.timer = timer;
    this.clock = clock;
  }

  /** Renewal in progress; closing it stops renewing. */
  public interface Renewal extends AutoCloseable {
    @Override
    void close();
  }

  /** Starts renewing the lease {@code owner} holds on the session's job. */
  public Renewal keep(SessionId id, String owner, Duration lease) {
    return keep(id, owner, lease, () -> {});
  }

  /**
   * Starts renewing the lease {@code owner} holds on the session's job; {@code onLost} runs (once,
   * on the timer's thread) when the job turns out to be no longer held.
   */
  public Renewal keep(SessionId id, String owner, Duration lease, Runnable onLost) {
    long period = Math.max(200, lease.toMillis() / 3);
    var lost = new java.util.concurrent.atomic.AtomicBoolean();
    ScheduledFuture<?> task =
        timer.scheduleAtFixedRate(
            () -> renew(id, owner, lease, onLost, lost), period, period, TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private void renew(
      SessionId id,
      String owner,
      Duration lease,
      Runnable onLost,
      java.util.concurrent.atomic.AtomicBoolean lost) {
    try {
      if (!jobs.renewLease(id, owner, lease, clock.instant()) && lost.compareAndSet(false, true)) {
        onLost.run();
      }
    } catch (RuntimeException e) {
      log.warn("Lease renewal failed. session: {}", id, e);
    }
  }
}
