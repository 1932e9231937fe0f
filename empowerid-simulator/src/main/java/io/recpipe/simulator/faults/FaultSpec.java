package io.recpipe.simulator.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * A fault to inject into the next contract calls. Examples: {@code {"status":503,"count":3}},
 * {@code {"delayMs":2000,"count":2}}, {@code {"conflict":true,"sessionId":"s1"}}.
 *
 * @param status answer this HTTP status instead of serving the call (400..599)
 * @param delayMs wait this long before answering (combines with the others)
 * @param conflict answer {@code 409} to recording status updates
 * @param sessionId only calls about this session (status updates); {@code null} for every call
 * @param count how many calls the fault hits; {@code null} means 1
 */
public record FaultSpec(
    Integer status, Long delayMs, Boolean conflict, String sessionId, Integer count) {

  static final long MAX_DELAY_MS = 120_000;

  /** The reasons this spec cannot be used, empty when it is fine. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    boolean isConflict = Boolean.TRUE.equals(conflict);
    if (status == null && delayMs == null && !isConflict) {
      problems.add("a fault needs status, delayMs or conflict");
    }
    if (status != null && (status < 400 || status > 599)) {
      problems.add("status must be within 400..599");
    }
    if (status != null && isConflict) {
      problems.add("status and conflict exclude each other");
    }
    if (delayMs != null && (delayMs < 0 || delayMs > MAX_DELAY_MS)) {
      problems.add("delayMs must be within 0.." + MAX_DELAY_MS);
    }
    if (count != null && count < 1) {
      problems.add("count must be at least 1");
    }
    return problems;
  }

  boolean isConflict() {
    return Boolean.TRUE.equals(conflict);
  }

  int times() {
    return count == null ? 1 : count;
  }
}
