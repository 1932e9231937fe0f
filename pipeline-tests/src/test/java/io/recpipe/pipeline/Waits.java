package io.recpipe.pipeline;

import java.time.Duration;

/** Pauses for the polling loops (each loop has its own deadline). */
final class Waits {

  private Waits() {}

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
