package io.recpipe.common.empowerid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final Retrier retrier =
      new Retrier(
          3,
          new Backoff(Duration.ofMillis(100), Duration.ofMillis(150), new SplittableRandom(5)),
          sleeper);
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void retriesATransientFailureAndReturnsTheFirstSuccess() {
    String result =
        retrier.call(
            "op",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new EmpowerIdException("flaky", true);
              }
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
    assertThat(sleeper.waits).hasSize(2);
    assertThat(sleeper.waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(sleeper.waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(150));
  }

  @Test
  void stopsAfterMaxAttemptsWithTheLastFailure() {
    assertThatThrownBy(
            () ->
                retrier.call(
                    "op",
                    () -> {
                      throw new EmpowerIdException("down " + attempts.incrementAndGet(), true);
                    }))
        .hasMessage("down 3");
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void doesNotRetryPermanentFailuresOrAnOpenCircuit() {
    assertThatThrownBy(
            () ->
                retrier.call(
                    "op",
                    () -> {
                      attempts.incrementAndGet();
                      throw new EmpowerIdException("bad request", false);
                    }))
        .hasMessage("bad request");
    assertThatThrownBy(
            () ->
                retrier.call(
                    "op",
                    () -> {
                      attempts.incrementAndGet();
                      throw new CircuitOpenException("open");
                    }))
        .isInstanceOf(CircuitOpenException.class);

    assertThat(attempts).hasValue(2);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void anInterruptedWaitEndsWithATransientFailureAndKeepsTheInterruptFlag() {
    var interrupting =
        new Retrier(
            3,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new SplittableRandom()),
            d -> {
              throw new InterruptedException();
            });
    try {
      assertThatThrownBy(
              () ->
                  interrupting.call(
                      "op",
                      () -> {
                        attempts.incrementAndGet();
                        throw new EmpowerIdException("flaky", true);
                      }))
          .isInstanceOf(EmpowerIdException.class)
          .hasMessageContaining("Interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(attempts).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
