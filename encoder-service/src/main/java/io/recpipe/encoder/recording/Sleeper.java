package io.recpipe.encoder.recording;

import java.time.Duration;

/** Waits; injected so tests do not wait. */
@FunctionalInterface
public interface Sleeper {

  Sleeper SYSTEM =
      duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
          Thread.sleep(duration.toMillis());
        }
      };

  void sleep(Duration duration) throws InterruptedException;
}
