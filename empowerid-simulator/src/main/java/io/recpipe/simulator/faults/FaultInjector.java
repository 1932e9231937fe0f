package io.recpipe.simulator.faults;

import io.recpipe.simulator.SimulatorProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The active faults, each hitting the next matching calls until its count runs out. */
@Component
class FaultInjector {

  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  private final List<ActiveFault> active = new ArrayList<>();

  FaultInjector(SimulatorProperties properties) {
    properties.faults().forEach(this::add);
  }

  /** A fault with the number of calls it will still hit. */
  record ActiveFault(FaultSpec spec, int remaining) {}

  synchronized ActiveFault add(FaultSpec spec) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Bad fault " + spec + ": " + String.join("; ", problems));
    }
    ActiveFault fault = new ActiveFault(spec, spec.times());
    active.add(fault);
    log.info("Fault armed. fault: {}", spec);
    return fault;
  }

  synchronized List<ActiveFault> list() {
    return List.copyOf(active);
  }

  synchronized void clear() {
    active.clear();
    log.info("All faults cleared.");
  }

  /**
   * Takes one hit of the first fault that matches this call.
   *
   * @param sessionId the session a status update is about, {@code null} for other calls
   */
  synchronized Optional<FaultSpec> take(String sessionId) {
    for (int i = 0; i < active.size(); i++) {
      FaultSpec spec = active.get(i).spec();
      boolean statusUpdate = sessionId != null;
      if (spec.isConflict() && !statusUpdate) {
        continue;
      }
      if (spec.sessionId() != null && !spec.sessionId().equals(sessionId)) {
        continue;
      }
      int remaining = active.get(i).remaining() - 1;
      if (remaining == 0) {
        active.remove(i);
      } else {
        active.set(i, new ActiveFault(spec, remaining));
      }
      return Optional.of(spec);
    }
    return Optional.empty();
  }
}
