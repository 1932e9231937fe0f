package io.recpipe.common.empowerid;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a call that failed with a transient {@link EmpowerIdException}, waiting a {@link Backoff}
 * between attempts. Permanent failures and an open circuit are not retried.
 */
final class Retrier {

  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;

  Retrier(int maxAttempts, Backoff backoff, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  <T> T call(String operation, Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (EmpowerIdException e) {
        if (!e.isTransient() || e instanceof CircuitOpenException || n >= maxAttempts) {
          throw e;
        }
        Duration delay = backoff.delay(n);
        log.debug(
            "EmpowerID call failed, trying again. operation: {}, attempt: {}, delay: {}, error: {}",
            operation,
            n,
            delay,
            e.getMessage());
        pause(operation, delay, e);
      }
    }
  }

  private void pause(String operation, Duration delay, EmpowerIdException cause) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      var e =
          new EmpowerIdException(
              "Interrupted while waiting to retry an EmpowerID call. operation: " + operation,
              true,
              interrupted);
      e.addSuppressed(cause);
      throw e;
    }
  }
}
