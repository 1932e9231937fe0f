package io.recpipe.common.empowerid;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the wait before retry {@code n} (1-based) is drawn
 * uniformly from {@code [0, min(max, initial * 2^(n-1))]}. Full jitter spreads the retries of
 * parallel callers so they do not hit a recovering server together. Thread-safe when {@code random}
 * is (e.g. {@link java.util.Random}).
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("Backoff durations must not be negative.");
    }
    this.initial = initial;
    this.max = max;
    this.random = Objects.requireNonNull(random);
  }

  /** The upper bound of the wait before retry {@code retry} (1 for the first retry). */
  public Duration cap(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, was " + retry);
    }
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(retry - 1, 62);
    long grown = initialNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialNanos << shift;
    return Duration.ofNanos(Math.min(grown, maxNanos));
  }

  /** A random wait in {@code [0, cap(retry)]}. */
  public Duration delay(int retry) {
    long capNanos = cap(retry).toNanos();
    return capNanos == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(capNanos + 1));
  }
}
