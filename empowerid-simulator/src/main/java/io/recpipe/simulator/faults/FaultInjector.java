package io.recpipe.simulator.faults;

import io.recpipe.simulator.SimulatorProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The active faults. A fault hits the next matching calls until its count runs out, or every
 * matching call until its window (from when it is armed, on the injected clock) closes, or both,
 * ending at whichever runs out first.
 */
@Component
class FaultInjector {

  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  private final List<Armed> active = new ArrayList<>();
  private final Clock clock;

  FaultInjector(Clock clock, SimulatorProperties properties) {
    this.clock = clock;
    properties.faults().forEach(this::add);
  }

  /**
   * A fault and what remains of it, as {@code GET /faults} shows it.
   *
   * @param remaining the calls it will still hit, {@code null} when only its window limits it
   * @param endsAt when its window closes, {@code null} without a window
   * @param remainingMs the time left in its window, {@code null} without a window
   */
  record ActiveFault(FaultSpec spec, Integer remaining, Instant endsAt, Long remainingMs) {}

  private record Armed(FaultSpec spec, Integer remaining, Instant endsAt) {

    boolean isOpen(Instant now) {
      return endsAt == null || endsAt.isAfter(now);
    }

    Armed hit() {
      return remaining == null ? this : new Armed(spec, remaining - 1, endsAt);
    }

    boolean isSpent() {
      return remaining != null && remaining <= 0;
    }

    ActiveFault view(Instant now) {
      Long left = endsAt == null ? null : Duration.between(now, endsAt).toMillis();
      return new ActiveFault(spec, remaining, endsAt, left);
    }
  }

  synchronized ActiveFault add(FaultSpec spec) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Bad fault " + spec + ": " + String.join("; ", problems));
    }
    Instant now = Instant.now(clock);
    Instant endsAt = spec.durationMs() == null ? null : now.plusMillis(spec.durationMs());
    Armed armed = new Armed(spec, spec.times(), endsAt);
    active.add(armed);
    log.info("Fault armed. fault: {}, window ends: {}", spec, endsAt);
    return armed.view(now);
  }

  synchronized List<ActiveFault> list() {
    Instant now = Instant.now(clock);
    dropClosed(now);
    return active.stream().map(armed -> armed.view(now)).toList();
  }

  synchronized void clear() {
    active.clear();
    log.info("All faults cleared.");
  }

  /**
   * Takes one hit of the first fault that matches this call.
   *
   * @param call {@link FaultTarget#CONTRACT} or {@link FaultTarget#TOKEN}
   * @param sessionId the session a status update is about, {@code null} for other calls
   */
  synchronized Optional<FaultSpec> take(FaultTarget call, String sessionId) {
    dropClosed(Instant.now(clock));
    for (int i = 0; i < active.size(); i++) {
      Armed armed = active.get(i);
      if (!armed.spec().hits(call, sessionId)) {
        continue;
      }
      Armed after = armed.hit();
      if (after.isSpent()) {
        active.remove(i);
      } else {
        active.set(i, after);
      }
      return Optional.of(armed.spec());
    }
    return Optional.empty();
  }

  private void dropClosed(Instant now) {
    active.removeIf(
        armed -> {
          if (armed.isOpen(now)) {
            return false;
          }
          log.info("Fault window closed. fault: {}", armed.spec());
          return true;
        });
  }
}
