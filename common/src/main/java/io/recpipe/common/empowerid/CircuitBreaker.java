package io.recpipe.common.empowerid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small circuit breaker: {@code CLOSED} lets every call through and counts consecutive transient
 * failures; after {@code failureThreshold} of them it turns {@code OPEN} and refuses calls; once
 * {@code openDuration} has passed it is {@code HALF_OPEN} and lets one trial call through, which
 * closes it on success or opens it again on a transient failure.
 *
 * <p>Thread-safe: every method is synchronized, the work is a few field updates.
 */
public final class CircuitBreaker {

  /** The states; the gauge {@code empowerid.circuit.state} reports {@link #level()}. */
  public enum State {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int level;

    State(int level) {
      this.level = level;
    }

    public int level() {
      return level;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  private final int failureThreshold;
  private final Duration openDuration;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Instant openedAt;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, Duration openDuration, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.openDuration = openDuration;
    this.clock = clock;
  }

  /** The current state, turning OPEN into HALF_OPEN once the open duration has passed. */
  public synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration))) {
      state = State.HALF_OPEN;
      trialInFlight = false;
      log.info("EmpowerID circuit is half-open, the next call is a trial. state: HALF_OPEN");
    }
    return state;
  }

  /** Whether a call may go out now; in HALF_OPEN only one trial call at a time may. */
  public synchronized boolean tryAcquire() {
    return switch (state()) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  /** The call reached EmpowerID and got an answer (any answer that is not a 5xx). */
  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    trialInFlight = false;
    if (state != State.CLOSED) {
      log.info("EmpowerID answers again, circuit closed. previousState: {}", state);
      state = State.CLOSED;
    }
  }

  /** The call failed transiently (5xx, time-out, connection error). */
  public synchronized void onTransientFailure() {
    trialInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN
        || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
      openedAt = clock.instant();
      log.warn(
          "EmpowerID keeps failing, circuit opened; calls fail fast for a while."
              + " consecutiveFailures: {}, openFor: {}, previousState: {}",
          consecutiveFailures,
          openDuration,
          state);
      state = State.OPEN;
    }
  }

  /** Ends a trial call that neither succeeded nor failed transiently (e.g. interrupted). */
  public synchronized void release() {
    trialInFlight = false;
  }
}
