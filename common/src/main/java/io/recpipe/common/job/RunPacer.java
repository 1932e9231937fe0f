package io.recpipe.common.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a scheduled run (a scan, a batch) should next start. A frequent tick asks {@link
 * #takeTurn()}; a run is due when its interval has passed since the last one, when the work it left
 * says so earlier (a job due, a recheck), or when something woke it (a scan queued work, a file
 * arrived). The interval is the longest pause, never a reason to leave due work waiting.
 */
public final class RunPacer {

  private final Duration interval;
  private final Duration minGap;
  private final Clock clock;
  private Instant next;
  private boolean woken;

  /**
   * @param minGap the shortest pause between two runs, however soon work is due
   */
  public RunPacer(Duration interval, Duration initialDelay, Duration minGap, Clock clock) {
    this.interval = interval;
    this.minGap = minGap;
    this.clock = clock;
    this.next = clock.instant().plus(initialDelay);
  }

  /** Whether a run is due now; if so, the caller runs and then calls {@link #ran}. */
  public synchronized boolean takeTurn() {
    if (woken || !clock.instant().isBefore(next)) {
      woken = false;
      return true;
    }
    return false;
  }

  /** Makes the next tick run. */
  public synchronized void wake() {
    woken = true;
  }

  /**
   * Sets the next run: at {@code dueHint} if that is sooner than the interval (but not sooner than
   * the minimum gap), else after the interval.
   */
  public synchronized void ran(Optional<Instant> dueHint) {
    Instant now = clock.instant();
    Instant latest = now.plus(interval);
    Instant earliest = now.plus(minGap);
    Instant at = dueHint.map(h -> h.isBefore(earliest) ? earliest : h).orElse(latest);
    next = at.isBefore(latest) ? at : latest;
  }

  /**
   * Sets the next run after a skipped one (e.g. EmpowerID's circuit open): soon, not an interval.
   */
  public synchronized void retryIn(Duration delay) {
    Duration gap = delay.compareTo(minGap) < 0 ? minGap : delay;
    Duration wait = gap.compareTo(interval) > 0 ? interval : gap;
    next = clock.instant().plus(wait);
  }

  public synchronized Instant next() {
    return next;
  }
}
