package io.recpipe.common.empowerid;

import static io.recpipe.common.empowerid.CircuitBreaker.State.CLOSED;
import static io.recpipe.common.empowerid.CircuitBreaker.State.HALF_OPEN;
import static io.recpipe.common.empowerid.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock();
  private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterTheThresholdOfConsecutiveFailures() {
    circuit.onTransientFailure();
    circuit.onTransientFailure();
    assertThat(circuit.state()).isEqualTo(CLOSED);
    assertThat(circuit.tryAcquire()).isTrue();

    circuit.onTransientFailure();

    assertThat(circuit.state()).isEqualTo(OPEN);
    assertThat(circuit.tryAcquire()).isFalse();
  }

  @Test
  void aSuccessResetsTheCount() {
    circuit.onTransientFailure();
    circuit.onTransientFailure();
    circuit.onSuccess();
    circuit.onTransientFailure();
    circuit.onTransientFailure();

    assertThat(circuit.state()).isEqualTo(CLOSED);
  }

  @Test
  void halfOpensAfterTheOpenDurationAndLetsOneTrialThrough() {
    open();
    clock.advance(Duration.ofSeconds(29));
    assertThat(circuit.state()).isEqualTo(OPEN);

    clock.advance(Duration.ofSeconds(1));

    assertThat(circuit.state()).isEqualTo(HALF_OPEN);
    assertThat(circuit.tryAcquire()).isTrue();
    assertThat(circuit.tryAcquire()).isFalse();
  }

  @Test
  void aSuccessfulTrialCloses() {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(circuit.tryAcquire()).isTrue();

    circuit.onSuccess();

    assertThat(circuit.state()).isEqualTo(CLOSED);
    assertThat(circuit.tryAcquire()).isTrue();
    assertThat(circuit.tryAcquire()).isTrue();
  }

  @Test
  void aFailedTrialOpensAgainForAnotherFullDuration() {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(circuit.tryAcquire()).isTrue();

    circuit.onTransientFailure();

    assertThat(circuit.state()).isEqualTo(OPEN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(circuit.state()).isEqualTo(OPEN);
    clock.advance(Duration.ofSeconds(1));
    assertThat(circuit.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void aReleasedTrialLetsTheNextTrialThrough() {
    open();
    clock.advance(Duration.ofSeconds(30));
    assertThat(circuit.tryAcquire()).isTrue();

    circuit.release();

    assertThat(circuit.state()).isEqualTo(HALF_OPEN);
    assertThat(circuit.tryAcquire()).isTrue();
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      circuit.onTransientFailure();
    }
    assertThat(circuit.state()).isEqualTo(OPEN);
  }
}
