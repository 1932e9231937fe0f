package io.recpipe.encoder.queue;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one process run did.
 *
 * @param skipped whether the run was skipped (EmpowerID unavailable)
 * @param statusesSettled pending EmpowerID updates sent at the start of the run
 * @param outcomes how each claimed job ended
 */
public record ProcessResult(boolean skipped, int statusesSettled, Map<Outcome, Integer> outcomes) {

  public int count(Outcome outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }

  public int claimed() {
    return outcomes.values().stream().mapToInt(Integer::intValue).sum();
  }

  static Map<Outcome, Integer> none() {
    return new EnumMap<>(Outcome.class);
  }
}
